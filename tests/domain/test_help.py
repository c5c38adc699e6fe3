import pytest

from heartwork.domain.content_files import ContentError
from heartwork.domain.help import help_directory, parse_help_directory


def test_shipped_directory_is_valid_and_complete():
    directory = help_directory()
    codes = {c.code for c in directory.countries}
    assert {"US", "GB", "CA", "AU", "NZ", "IE", "DE"} <= codes
    for country in directory.countries:
        assert country.emergency and country.lines
    assert directory.for_country("gb").name == "United Kingdom"
    assert directory.for_country("ZZ") is None


@pytest.mark.parametrize(
    "broken",
    [
        {"verified_on": "x", "countries": [], "elsewhere": {"emergency": "a", "directory": "b"}},
        {"verified_on": "x", "countries": [{"code": "us", "name": "US", "emergency": "911", "lines": [{"name": "a", "contact": "b", "for": "c", "hours": "d"}]}], "elsewhere": {"emergency": "a", "directory": "b"}},
        {"verified_on": "x", "countries": [{"code": "US", "name": "US", "emergency": "911", "lines": []}], "elsewhere": {"emergency": "a", "directory": "b"}},
        {"verified_on": "x", "countries": [{"code": "US", "name": "US", "emergency": "911", "lines": [{"name": "a", "contact": "", "for": "c", "hours": "d"}]}], "elsewhere": {"emergency": "a", "directory": "b"}},
    ],
)
def test_bad_content_is_refused_with_a_clear_error(broken):
    with pytest.raises(ContentError):
        parse_help_directory(broken)
