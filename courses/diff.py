"""What changed between two course packages, matched by the stable keys of their items.

Pure functions over exported packages: moving a lesson is a change of position, not a removal
and an addition, because lessons, modules, questions and options keep their keys across versions.
"""

from typing import Any

from courses.bulk import cyclic_gc_paused

ITEM_KINDS = ("module", "lesson", "question", "option")


def _flatten(package: dict[str, Any] | None) -> dict[tuple[str, str], dict[str, Any]]:
    """Map (kind, key) → the item's own fields (children excluded, parent and position added)."""
    if package is None:
        return {}
    course = package["course"]
    items: dict[tuple[str, str], dict[str, Any]] = {
        ("course", "course"): {name: value for name, value in course.items() if name != "modules"}
    }
    for module_position, module in enumerate(course["modules"]):
        items[("module", module["key"])] = {
            "position": module_position,
            "translations": module["translations"],
        }
        for lesson_position, lesson in enumerate(module["lessons"]):
            fields = {name: value for name, value in lesson.items() if name not in {"key", "quiz"}}
            quiz = lesson.get("quiz") or {}
            fields.update(
                {f"quiz.{name}": value for name, value in quiz.items() if name != "questions"}
            )
            items[("lesson", lesson["key"])] = {
                **fields,
                "module": module["key"],
                "position": lesson_position,
            }
            for question_position, question in enumerate(quiz.get("questions", [])):
                items[("question", question["key"])] = {
                    **{
                        name: value
                        for name, value in question.items()
                        if name not in {"key", "options"}
                    },
                    "lesson": lesson["key"],
                    "position": question_position,
                }
                for option_position, option in enumerate(question.get("options", [])):
                    items[("option", option["key"])] = {
                        "is_correct": option["is_correct"],
                        "translations": option["translations"],
                        "question": question["key"],
                        "position": option_position,
                    }
    return items


def _title(fields: dict[str, Any], language: str) -> str:
    texts = fields.get("translations", {}).get(language)
    if isinstance(texts, str):
        return texts
    if isinstance(texts, dict):
        return str(texts.get("title") or texts.get("prompt") or "")
    return ""


def diff_packages(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item added, removed or changed from `old` to `new`, in the new package's order.

    Each change names the item's kind and key, a title in the primary language, and for changes
    the names of the fields that differ (translations per language, e.g. `translations.de`).
    """
    with cyclic_gc_paused():
        return _diff(old, new)


def _diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    language = new["course"]["primary_language"]
    before, after = _flatten(old), _flatten(new)
    changes: list[dict[str, Any]] = []
    for (kind, key), fields in after.items():
        if (kind, key) not in before:
            changes.append(
                {
                    "change": "added",
                    "item": kind,
                    "key": key,
                    "title": _title(fields, language),
                    "fields": [],
                }
            )
            continue
        previous = before[(kind, key)]
        if previous == fields:  # most items of a large course: one comparison, done in C
            continue
        changed = sorted(_changed_fields(previous, fields))
        if changed:
            changes.append(
                {
                    "change": "changed",
                    "item": kind,
                    "key": key,
                    "title": _title(fields, language),
                    "fields": changed,
                }
            )
    for (kind, key), fields in before.items():
        if (kind, key) not in after:
            changes.append(
                {
                    "change": "removed",
                    "item": kind,
                    "key": key,
                    "title": _title(fields, language),
                    "fields": [],
                }
            )
    return changes


def _changed_fields(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    names = set()
    for name in set(before) | set(after):
        if name == "translations":
            old, new = before.get(name) or {}, after.get(name) or {}
            names |= {
                f"translations.{language}"
                for language in set(old) | set(new)
                if old.get(language) != new.get(language)
            }
        elif before.get(name) != after.get(name):
            names.add(name)
    return names
