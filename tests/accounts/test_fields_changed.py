"""What an activity entry records of an edit: only the fields that changed, before and after."""

from accounts.services import fields_changed


def test_only_the_changed_fields_are_recorded():
    before = {"city": "Austin", "street": "1 Main", "email": "ap@x.example"}
    after = {"city": "Dallas", "street": "1 Main", "email": "ap@x.example"}
    assert fields_changed(before, after) == ({"city": "Austin"}, {"city": "Dallas"})


def test_a_field_on_one_side_only_counts_as_changed():
    assert fields_changed({}, {"city": "Dallas"}) == ({}, {"city": "Dallas"})
    assert fields_changed({"city": "Austin"}, {}) == ({"city": "Austin"}, {})


def test_nothing_changed_records_nothing():
    same = {"city": "Austin"}
    assert fields_changed(same, dict(same)) == ({}, {})
