"""An area drops and adds modules in area.yml; loading, check and build treat them as any other."""

from __future__ import annotations

from pathlib import Path

from support import copy_project, lay_over

from peer2peer.curriculum.area_modules import Listing, ModuleList, apply_area_modules
from peer2peer.curriculum.check import check_project
from peer2peer.curriculum.project import load_project
from peer2peer.curriculum.schema import AreaModules, LocalModule, ModuleEntry
from peer2peer.notebooks import build_course


def _entry(module_id: str, model: type = ModuleEntry, **more) -> ModuleEntry:
    return model(
        id=module_id,
        title=module_id,
        hours=1,
        lesson=f"local/modules/{module_id}/lesson.md",
        assessment=f"local/assessments/{module_id}",
        outcomes=[{"id": f"o-{module_id}", "text": "Do it."}],
        **more,
    )


def _upstream(*ids: str) -> ModuleList:
    listing = Listing("curriculum/curriculum.yml", None, ("modules",))
    return ModuleList([_entry(i) for i in ids], [listing] * len(ids))


def test_local_modules_go_after_the_one_named_in_the_order_listed() -> None:
    changes = AreaModules(
        drop=["02-b"],
        add=[
            _entry("05-x", LocalModule, after="01-a"),
            _entry("06-y", LocalModule, after="01-a"),
            _entry("07-z", LocalModule),
        ],
    )
    result = apply_area_modules(_upstream("01-a", "02-b", "03-c"), changes, "area.yml", None)
    assert result.problems == []
    assert result.ids == ["01-a", "05-x", "06-y", "03-c", "07-z"]
    assert [module.id for module in result.dropped] == ["02-b"]
    assert [listing.file for listing in result.listings] == [
        "curriculum/curriculum.yml",
        "area.yml",
        "area.yml",
        "curriculum/curriculum.yml",
        "area.yml",
    ]
    assert not hasattr(result.modules[1], "after")  # a plain module entry from here on


def test_an_area_can_replace_a_module_by_dropping_it_and_adding_its_own() -> None:
    changes = AreaModules(drop=["02-b"], add=[_entry("02-b", LocalModule, after="01-a")])
    result = apply_area_modules(_upstream("01-a", "02-b", "03-c"), changes, "area.yml", None)
    assert result.problems == [] and result.ids == ["01-a", "02-b", "03-c"]
    assert result.modules[1].lesson == "local/modules/02-b/lesson.md"


def test_dropping_every_module_is_a_problem() -> None:
    result = apply_area_modules(_upstream("01-a"), AreaModules(drop=["01-a"]), "area.yml", None)
    assert [p.what for p in result.problems] == ["this area drops every module"]


def test_a_local_module_is_loaded_in_its_place_and_a_dropped_one_is_left_out(
    tmp_path: Path,
) -> None:
    project = load_project(lay_over(copy_project(tmp_path / "p"), "area-with-a-local-module"))
    assert [m.id for m in project.curriculum.modules] == ["01-alpha", "03-local"]
    assert [m.id for m in project.dropped] == ["02-beta"]
    assert project.listing("03-local").at("id") == ("curriculum/area.yml", 18)
    assert project.listing("01-alpha").at("id") == ("curriculum/curriculum.yml", 11)
    assert "modules" not in project.area_values  # placeholders name local values only
    assert [d.shown_as for d in project.documents["03-local"]] == [
        "local/modules/03-local/lesson.md",
        "local/assessments/03-local/assessment.md",
    ]


def test_a_dropped_module_keeps_its_folders_and_check_accepts_them(tmp_path: Path) -> None:
    project = lay_over(copy_project(tmp_path / "p"), "area-with-a-local-module")
    assert (project / "modules" / "02-beta").is_dir()  # upstream's files stay, so merges are clean
    assert check_project(project) == []


def test_the_build_has_the_local_module_and_not_the_dropped_one(tmp_path: Path) -> None:
    project = lay_over(copy_project(tmp_path / "p"), "area-with-a-local-module")
    course = project / "build" / "course"
    report = build_course(project, course)
    assert report.built == ["01-alpha", "03-local"]
    assert sorted(p.name for p in (course / "release").iterdir()) == ["01-alpha", "03-local"]
    lesson = (course / "release" / "03-local" / "lesson.ipynb").read_text()
    assert "Peer roles in Testshire" in lesson and "Ask Robin about local roles" in lesson
