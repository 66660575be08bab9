"""The recovery story's words: its sections, who may read it, how it is signed, its content notes.

One vocabulary for the story builder that writes stories and the pages that show them.
"""

SECTIONS = {
    "before": {"title": "Before", "hint": "What life was like before things changed."},
    "turning-points": {
        "title": "Turning points",
        "hint": "Moments when something shifted, big or small.",
    },
    "what-helped": {"title": "What helped", "hint": "People, places, ideas or habits that helped."},
    "now": {"title": "Where I am now", "hint": "Your life today, and what you hope for."},
}
AUDIENCES = {
    "only-me": "Only me. It stays in my own private folder and is never handed in.",
    "trainer": "Me and my trainer. It is handed in with this module.",
    "cohort": "Me, my trainer and my group. My trainer may share it with the group.",
}
NAMINGS = {
    "anonymous": "No name (anonymous)",
    "first": "My first name only",
    "full": "My full name",
}
CONTENT_NOTES = {
    "self-harm": "Self-harm",
    "suicide": "Suicide",
    "trauma": "Abuse or trauma",
    "substances": "Alcohol or drugs",
    "hospital": "Hospital stays",
    "loss": "Loss and grief",
}
