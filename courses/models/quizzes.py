"""Quizzes of quiz lessons: their questions, options and answer keys."""

import uuid
from typing import ClassVar

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.content import Lesson
from courses.models.course import CourseVersion


class Quiz(models.Model):
    class Reveal(models.TextChoices):
        # Never "after each attempt": with attempts left, a blank attempt would hand out the keys.
        AFTER_PASS = "after_pass", _("After passing")
        AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last attempt")
        NEVER = "never", _("Never")

    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    attempts_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    shuffle_questions = models.BooleanField(default=False)
    grading = models.CharField(
        max_length=10, choices=CourseVersion.Grading.choices, default=CourseVersion.Grading.BEST
    )
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    reveal_answers = models.CharField(
        max_length=20, choices=Reveal.choices, default=Reveal.AFTER_PASS
    )

    class Meta:
        verbose_name_plural = "quizzes"
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="quiz_weight_non_negative"),
        ]

    def __str__(self) -> str:
        return f"quiz of lesson {self.lesson_id}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        NUMERIC = "numeric", _("Numeric")
        SHORT_TEXT = "short_text", _("Short text")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    points = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    # Per language: prompt and explanation.
    translations = models.JSONField(default=dict)
    # Answer keys: never serialized to learners before they submit.
    true_false_answer = models.BooleanField(null=True, blank=True)
    numeric_answer = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    numeric_tolerance = models.DecimalField(max_digits=20, decimal_places=6, default=0)
    accepted_answers = models.JSONField(default=dict)  # {"en": ["ladder diagram", "ld"], ...}

    class Meta:
        ordering: ClassVar = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} question {self.position + 1} of quiz {self.quiz_id}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    is_correct = models.BooleanField(default=False)
    translations = models.JSONField(default=dict)  # {"en": "text", ...}

    class Meta:
        ordering: ClassVar = ["position", "id"]

    def __str__(self) -> str:
        return f"option {self.position + 1} of question {self.question_id}"
