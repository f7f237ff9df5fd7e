"""Demo programs: "Smart Factory Engineer" of Rhine Valley TU over three demo courses, drafted
by its author and published by its approver through the programs API."""

from accounts.models import User
from programs import api as programs_api
from programs.models import Program

TITLE = "Smart Factory Engineer"
COURSES = (
    "plc-iec-61131-3",
    "opc-ua-mqtt-connectivity",
    "digital-twins-virtual-commissioning",
)


def seed_programs() -> int:
    """Publish the demo program unless it exists (idempotent); returns how many are published."""
    if not Program.objects.filter(translations__en__title=TITLE).exists():
        program = programs_api.create_program(
            user=User.objects.get(email="author@icim.example"),
            organization_slugs=["rhine-valley-tu"],
            fields={
                "kind": Program.Kind.ORDERED,
                "required_count": None,
                "primary_language": "en",
                "translations": {
                    "en": {
                        "title": TITLE,
                        "summary": "From PLC programming through OPC UA connectivity to "
                        "virtual commissioning with digital twins.",
                        "description": "Three courses, taken in order, that make a control "
                        "engineer fluent in the connected factory.",
                    },
                    "de": {
                        "title": "Smart-Factory-Ingenieur",
                        "summary": "Von der SPS-Programmierung über OPC UA bis zur virtuellen "
                        "Inbetriebnahme mit digitalen Zwillingen.",
                    },
                    "zh-hans": {
                        "title": "智能工厂工程师",
                        "summary": "从 PLC 编程、OPC UA 互联到基于数字孪生的虚拟调试。",
                    },
                    "ar": {
                        "title": "مهندس المصنع الذكي",
                        "summary": "من برمجة PLC إلى الاتصال عبر OPC UA والتشغيل الافتراضي "
                        "بالتوائم الرقمية.",
                    },
                },
            },
        )
        programs_api.set_program_courses(
            user=User.objects.get(email="author@icim.example"),
            slug=program.slug,
            course_slugs=list(COURSES),
        )
        programs_api.publish_program(
            user=User.objects.get(email="approver@icim.example"), slug=program.slug
        )
    return Program.objects.filter(state=Program.State.PUBLISHED).count()
