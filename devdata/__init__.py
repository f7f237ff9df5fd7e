"""Demo and scale data for development and benchmarks (`seed_demo`, `seed_scale`, `demo_videos`).

It sits above every domain app and uses them through their `api` modules and models; none of
them imports it. Installed only when DEVDATA_ENABLED is on (default: DJANGO_DEBUG); see README.
"""
