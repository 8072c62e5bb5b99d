"""The Organisation editor as a coordinator uses it: add an organisation and people, a
working group with members (one the sammankallande), see the warnings, edit and undo a
field, close the group with its final report; keyboard and screen-reader basics."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView, QWidget

from tests.conftest import DEMO_TODAY
from tests.organisation.conftest import in_dialog
from tryggapp import domain as d
from tryggapp.domain.enums import GroupLevel, MemberRole, OrganisationKind
from tryggapp.services import crud


def _fields_are_named(widget: QWidget) -> None:
    from tryggapp.ui.widgets.form import FormSection

    for form in widget.findChildren(FormSection):
        for key, field in form.fields.items():
            assert field.accessibleName(), (form.title_label.text(), key)
            line = getattr(field, "line", None)
            if line is not None:  # a date field is named by its caption where the focus lands
                assert line.accessibleName() == form.caption(key)


def test_the_whole_organisation_path(make_window, db, qtbot):
    win = make_window(db)
    section = win.show_section("organisation")
    groups, people, orgs = section.groups_page, section.people_page, section.orgs_page
    assert groups.table.stack.currentWidget() is groups.table.empty  # empty state says what to do
    assert "Ny grupp" in groups.table.empty.text_label.text()

    # -- an organisation
    section.tabs.setCurrentIndex(2)

    def new_org(dlg):
        dlg.name.setText("Polisen, lokalpolisområde Tryggvik")
        dlg.kind.set_value(OrganisationKind.POLICE)
        dlg.accept()
    in_dialog(orgs.new_organisation, new_org)
    assert [r["name"] for r in orgs.table.model.rows] == ["Polisen, lokalpolisområde Tryggvik"]
    police = orgs.table.model.rows[0]["id"]

    # -- people: a bad e-mail is refused in the dialog, which stays open with the text
    section.tabs.setCurrentIndex(1)
    messages = []

    def new_person(dlg):
        dlg.name.setText("Åsa Berg")
        dlg.organisation.set_value(police)
        dlg.email.setText("asa.berg.polisen.se")
        dlg.accept()
        assert dlg.isVisible()
        messages.append(dlg.form.error_text("email"))
        dlg.email.setText("asa.berg@polisen.se")
        dlg.accept()
    in_dialog(people.new_person, new_person)
    assert messages == ["”E-post” är ingen giltig e-postadress."]
    in_dialog(people.new_person, lambda dlg: (dlg.name.setText("Erik Ström"), dlg.accept()))
    assert {r["name"] for r in people.table.model.rows} == {"Åsa Berg", "Erik Ström"}
    ids = {r["name"]: r["id"] for r in people.table.model.rows}

    # -- a working group
    section.tabs.setCurrentIndex(0)

    def new_group(dlg):
        dlg.name.setText("Arbetsgrupp Trygg park")
        dlg.level.set_value(GroupLevel.WORKING)
        dlg.per_year.setText("6")
        dlg.started.line.setText("2026-01-10")
        dlg.mandate.setPlainText("Ta fram åtgärder för en tryggare Stadspark.")
        dlg.accept()
    in_dialog(groups.new_group, new_group)
    group_id = groups.record_id
    assert group_id is not None and groups.heading.text() == "Arbetsgrupp Trygg park"
    assert "sammankallande" in groups.notice.text.text()  # no convener yet
    assert groups.notice.isVisibleTo(groups)

    # members: to before from is refused in Swedish, the dialog stays open
    refused = []

    def add_erik(dlg):
        dlg.person.set_value(ids["Erik Ström"])
        dlg.role.set_value(MemberRole.SECRETARY)
        dlg.from_date.line.setText("2026-03-01")
        dlg.to_date.line.setText("2026-02-01")
        dlg.accept()
        refused.append(dlg.form.error_text("to_date"))
        dlg.to_date.line.setText("")
        dlg.accept()
    in_dialog(groups.add_member, add_erik)
    assert refused == ["”Till” (2026-02-01) kan inte vara före ”Från” (2026-03-01)."]

    def add_asa(dlg):
        dlg.person.set_value(ids["Åsa Berg"])
        dlg.role.set_value(MemberRole.CONVENER)
        dlg.from_date.line.setText("2026-01-10")
        dlg.accept()
    in_dialog(groups.add_member, add_asa)
    assert sorted(r["name"] for r in groups.members.model.rows) == ["Erik Ström", "Åsa Berg"]
    row = groups.rows[group_id]
    assert row["members"] == 2 and row["chair"] == "Åsa Berg"
    assert "sammankallande" not in groups.notice.text.text()

    # a field saved as it is left, and undone with the undo stack
    groups.f_mandate.setPlainText("Ny lydelse av uppdraget.")
    groups.f_mandate.finish()
    assert crud.get(db, d.Group, group_id).mandate == "Ny lydelse av uppdraget."
    win.ctx.undo_stack.undo()
    assert crud.get(db, d.Group, group_id).mandate == "Ta fram åtgärder för en tryggare Stadspark."
    assert groups.f_mandate.toPlainText() == "Ta fram åtgärder för en tryggare Stadspark."

    # -- closed with its final report: readable, not editable, reopenable
    def close(dlg):
        dlg.dissolved_on.line.setText("2026-11-20")
        dlg.accept()
        assert dlg.isVisible() and dlg.form.error_text("final_report")  # the report is required
        dlg.report.setPlainText("Slutrapport: belysningen är utbytt och parken har fått kvällsvärdar.")
        dlg.accept()
    in_dialog(groups.close_group, close)
    group = crud.get(db, d.Group, group_id)
    assert group.dissolved_on == dt.date(2026, 11, 20) and group.final_report.startswith("Slutrapport")
    assert groups.report_form.isVisibleTo(groups) and "kvällsvärdar" in groups.report_text.toPlainText()
    assert groups.f_name.isReadOnly() and not groups.add_member_button.isEnabled()
    assert groups.reopen_button.isVisibleTo(groups) and not groups.close_button.isVisibleTo(groups)
    assert groups.rows[group_id]["members"] == 2  # counted on its last day, not 0
    assert groups.rows[group_id]["status"].startswith("Avvecklad")

    _fields_are_named(section)
    for pane in (groups.table, groups.members, people.table, orgs.table):
        assert not pane.view.tabKeyNavigation()
        assert pane.view.accessibleName()


def test_demo_groups_show_their_members_and_warnings(make_window, demo_db):
    win = make_window(demo_db)
    groups = win.show_section("organisation").groups_page
    klotter = next(r for r in groups.rows.values() if "Klotter" in r["name"])
    assert klotter["members"] == 5
    groups.select(klotter["id"])
    assert groups.members.model.rowCount() == 5
    assert groups.f_name.isReadOnly() and groups.reopen_button.isVisibleTo(groups)
    samord = next(r for r in groups.rows.values() if r["name"].startswith("Samordningsgruppen"))
    assert samord["attention"] == "Efter mötesplanen"
    groups.select(samord["id"])
    assert "Ligger efter" in groups.notice.text.text()


def test_extract_and_erasure_from_the_people_tab(make_window, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tryggapp.ui.organisation import dialogs

    win = make_window(demo_db)
    section = win.show_section("organisation")
    section.tabs.setCurrentIndex(1)
    people = section.people_page
    maria = next(r["id"] for r in people.table.model.rows if r["name"] == "Maria Lindqvist")
    assert section.open_record("person", maria)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "ask_extract_path", lambda _parent, suggested: tmp_path / suggested.name)
    written = people.save_extract()
    assert written is not None and written.name == f"registerutdrag-Maria-Lindqvist-{DEMO_TODAY.isoformat()}.txt"
    assert "maria.lindqvist@tryggvik.example" in written.read_text(encoding="utf-8")

    asked = []
    monkeypatch.setattr(dialogs, "ask_erase", lambda _parent, name, backups: asked.append((name, backups)) or True)
    people.f_title.setText("Ändrad titel")
    people.f_title.finish()  # something on the undo stack that holds her old values
    assert win.ctx.undo_stack.count() == 1
    assert people.erase()
    assert asked == [("Maria Lindqvist", demo_db.backup_dir)]
    assert win.ctx.undo_stack.count() == 0  # no undo can write the erased values back
    assert people.heading.text().startswith("Borttagen person")
    assert crud.get(demo_db, d.Person, maria).email == ""


def test_erasure_confirmation_names_the_backups(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tryggapp.ui.organisation import dialogs

    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        assert box.defaultButton().text() == "Avbryt"  # erasing is never the default
        box.reject()
    QTimer.singleShot(0, answer)
    assert dialogs.ask_erase(None, "Maria Lindqvist", tmp_path / "säkerhetskopior") is False
    assert "Säkerhetskopior som gjorts före i dag innehåller fortfarande uppgifterna" in seen[0]
    assert str(tmp_path / "säkerhetskopior") in seen[0]


def test_member_tables_leave_with_tab(make_window, demo_db):
    win = make_window(demo_db)
    section = win.show_section("organisation")
    for view in section.findChildren(QAbstractItemView):
        if view.__class__.__name__ == "QTableView":
            assert not view.tabKeyNavigation()


def test_tab_moves_from_the_group_list_into_the_editor(make_window, demo_db, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    win = make_window(demo_db)
    groups = win.show_section("organisation").groups_page
    groups.table.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is groups.table.view)
    before = groups.table.current_id()
    qtbot.keyClick(groups.table.view, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not groups.table.view
    assert groups.table.current_id() == before  # Tab did not walk the cells


def test_mnemonics_clash_with_neither_the_menus_nor_each_other(make_window, demo_db):
    from PySide6.QtWidgets import QAbstractButton

    from tryggapp.ui.widgets.mnemonics import menu_letters, mnemonic

    win = make_window(demo_db)
    section = win.show_section("organisation")
    tabs = {mnemonic(section.tabs.tabText(i)) for i in range(section.tabs.count())}
    assert tabs == {"g", "p", "o"}
    for page in section.pages():
        buttons = [mnemonic(b.text()) for b in page.findChildren(QAbstractButton) if mnemonic(b.text())]
        fields = sorted(page.form.mnemonics())
        letters = buttons + fields + sorted(tabs)
        assert len(letters) == len(set(letters)), (type(page).__name__, letters)
        assert not set(letters) & menu_letters()


def test_archive_toggles_the_chosen_record_on_each_page(make_window, db, qtbot):
    org = crud.create(db, d.Organisation(name="Räddningstjänsten", kind=OrganisationKind.RESCUE))
    person = crud.create(db, d.Person(name="Per Ek", organisation_id=org.id))
    group = crud.create(db, d.Group(name="Arbetsgrupp centrum", level=GroupLevel.WORKING,
                                    started_on=dt.date(2026, 1, 1)))
    win = make_window(db)
    section = win.show_section("organisation")
    for page, model, ident in ((section.orgs_page, d.Organisation, org.id),
                               (section.people_page, d.Person, person.id),
                               (section.groups_page, d.Group, group.id)):
        assert page.select(ident)
        page.archive_button.click()
        qtbot.waitUntil(lambda m=model, i=ident: crud.get(db, m, i).archived)
        assert page.current_row()["archived"]
        page.archive_button.click()
        qtbot.waitUntil(lambda m=model, i=ident: not crud.get(db, m, i).archived)
