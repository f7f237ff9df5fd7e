"""Video: what the upload pipeline adds to ffmpeg, and how soon a lesson video shows a first frame.

Run from the project root: `python tests/benchmarks/bench_video.py` (a step of `make bench`).

1. A 60 s 720p test clip (ffmpeg's testsrc2 and a tone, H.264/AAC) is made once and cached in
   var/bench/. On a fresh SQLite database with the demo catalog, the clip goes through the whole
   pipeline an author's upload takes (`courses.api.add_lesson_video_file`: store the source,
   probe, transcode the HLS ladder, make the poster, store every file), and the same ffmpeg
   command (`courses.transcode.hls_command`) runs alone into a scratch folder. Runs alternate,
   so both see the same machine; the ratio is pipeline ÷ command alone (goal ≤ 1.1).
2. The transcoded clip is then the quick-tour course's preview video. `manage.py runserver`
   serves it, and frontend/scripts/first-frame.mjs opens the preview page in Debian's Chromium
   (a fresh context per run), presses play and times until the first frame is presented
   (goal < 1 s on loopback).

BENCH_VIDEO_RUNS (default 2) and BENCH_FIRST_FRAME_RUNS (default 5) set the runs.
Writes var/bench/video.json.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "video.json"
CLIP = BENCH_DIR / "clip-60s-720p.mp4"
COURSE = "shop-floor-sensors-quick-tour"
RUNS = int(os.environ.get("BENCH_VIDEO_RUNS", "2"))
FIRST_FRAME_RUNS = int(os.environ.get("BENCH_FIRST_FRAME_RUNS", "5"))
PORT = int(os.environ.get("BENCH_VIDEO_PORT", "8767"))
OVERHEAD_GOAL = 1.1
FIRST_FRAME_GOAL_MS = 1000


def _make_clip() -> None:
    if CLIP.exists():
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    partial = CLIP.with_suffix(".partial.mp4")
    subprocess.run(
        [
            *("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"),
            *("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"),
            *("-t", "60", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-shortest", str(partial)),
        ],
        check=True,
    )
    partial.rename(CLIP)


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our loopback server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main() -> None:
    _make_clip()
    work = Path(tempfile.mkdtemp(prefix="icim-bench-video-"))
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "PORT": str(PORT),
    }
    os.environ.update(environment)
    os.environ.pop("REDIS_URL", None)  # tasks in process, as `make run`
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from courses import api as courses_api
    from courses import transcode
    from courses.models import Course, Lesson
    from devdata.accounts import seed_accounts
    from devdata.courses import seed_catalog

    call_command("migrate", verbosity=0)
    seed_accounts()
    seed_catalog()
    course = Course.objects.get(slug=COURSE)
    preview = Lesson.objects.get(
        module__version=course.published_version, kind=Lesson.Kind.VIDEO, is_preview=True
    )
    facts = transcode.probe(CLIP, max_seconds=3600)
    threads = settings.VIDEO_FFMPEG_THREADS

    alone: list[float] = []
    pipeline: list[float] = []
    for run in range(RUNS):
        output = work / f"alone-{run}"
        output.mkdir()
        started = time.perf_counter()
        subprocess.run(
            transcode.hls_command(CLIP, output, has_audio=facts.has_audio, threads=threads),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        alone.append(time.perf_counter() - started)
        started = time.perf_counter()
        asset = courses_api.add_lesson_video_file(
            course_id=course.pk, lesson_key=preview.key, path=CLIP, captions={}
        )
        pipeline.append(time.perf_counter() - started)
        if asset is None or asset.state != asset.State.READY:
            raise SystemExit(f"the pipeline did not finish the clip: {asset and asset.error_code}")
        print(f"run {run + 1}: command alone {alone[-1]:.1f} s, pipeline {pipeline[-1]:.1f} s")

    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env={**os.environ, **environment},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/healthz", 60)
        page = f"http://127.0.0.1:{PORT}/courses/{COURSE}/preview/{preview.key}"
        measured = subprocess.run(
            ["node", "frontend/scripts/first-frame.mjs", page, str(FIRST_FRAME_RUNS)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        first_frames = json.loads(measured.stdout)["milliseconds"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    result = {
        "clip": {"seconds": facts.duration_seconds, "height": 720},
        "threads": threads,
        "alone_seconds": alone,
        "pipeline_seconds": pipeline,
        "overhead_ratio": statistics.median(pipeline) / statistics.median(alone),
        "overhead_goal": OVERHEAD_GOAL,
        "first_frame_ms": first_frames,
        "first_frame_goal_ms": FIRST_FRAME_GOAL_MS,
        "load_average": list(os.getloadavg()),
    }
    RESULTS.write_text(json.dumps(result, indent=2))
    print(
        f"pipeline ÷ command alone ×{result['overhead_ratio']:.3f} "
        f"(median {statistics.median(pipeline):.1f} vs {statistics.median(alone):.1f} s); "
        f"first frame median {statistics.median(first_frames):.0f} ms, "
        f"worst {max(first_frames):.0f} ms of {len(first_frames)}"
    )


if __name__ == "__main__":
    main()
