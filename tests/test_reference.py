from desktop import reference


def test_units_after_the_2025_reorganisation():
    provinces = reference.provinces()
    communes = [u for u in reference.units().values() if u.level == "commune"]
    assert len(provinces) == 34
    assert len(communes) == 3321
    kinds = {k: sum(1 for c in communes if c.kind == k) for k in ("xã", "phường", "đặc khu")}
    assert kinds == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert all(reference.unit(c.parent_code).level == "province" for c in communes)


def test_lao_cai_communes_and_former_district():
    lao_cai = reference.unit("15")
    assert lao_cai.name == "Tỉnh Lào Cai"
    assert len(reference.communes_of("15")) == 99
    ban_xeo = reference.unit("02725")
    assert (ban_xeo.name, ban_xeo.parent_code) == ("Xã Bản Xèo", "15")
    assert ban_xeo.former_district == "Huyện Bát Xát"
    assert "02725" in reference.units_beneath("15")


def test_ethnic_groups_official_codes():
    groups = reference.ethnic_groups()
    assert len([g for g in groups if g != "55"]) == 54
    assert groups["01"].name == "Kinh"
    assert groups["04"].name == "Mường"  # 1019/QĐ-TCTK numbering, not the 1979 list
    assert groups["08"].name == "Mông"
    assert groups["54"].name == "Ơ Đu"


def test_loose_ethnic_names_match_aliases():
    for text in ("H'Mông", "Hmông", "Mông", "mong", "HMONG"):
        assert reference.ethnic_code_for(text) == "08", text
    assert reference.ethnic_code_for("Khmer") == "05"
    assert reference.ethnic_code_for("Khơ-me") == "05"
    assert reference.ethnic_code_for("dao") == "09"
    assert reference.ethnic_code_for("Tày") == "02"
    assert reference.ethnic_code_for("Klingon") is None
