from desktop.domain.names import fold, normalize_name, search_query_tokens, sort_key, split_name


def test_fold_removes_tones_marks_and_d_stroke():
    assert fold("Nguyễn Thị Hương") == "nguyen thi huong"
    assert fold("Đặng Thị Mai") == "dang thi mai"
    assert fold("Hoàng Thị Ưng") == "hoang thi ung"
    assert fold("Lò Văn Ơn") == "lo van on"
    assert fold("  Sùng   Thị Mỷ ") == "sung thi my"


def test_fold_handles_decomposed_input():
    # Some keyboards and old files send combining marks (NFD) instead of precomposed letters.
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Đặng Thị Ánh")) == "dang thi anh"


def test_normalize_name_keeps_diacritics_and_collapses_spaces():
    assert normalize_name("  Vàng  A   Dính ") == "Vàng A Dính"


def test_split_name_family_middle_given():
    assert split_name("Vàng A Dính") == ("Vàng", "A", "Dính")
    assert split_name("Nguyễn Thị Ánh") == ("Nguyễn", "Thị", "Ánh")
    assert split_name("Lò Ơn") == ("Lò", "", "Ơn")
    assert split_name("Mỷ") == ("", "", "Mỷ")


def test_sort_by_given_name_then_family_in_vietnamese_letter_order():
    names = [
        "Hoàng Thị Ưng",
        "Lò Văn Ơn",
        "Sùng Thị Mỷ",
        "Vàng A Dính",
        "Đặng Thị Mai",
        "Nguyễn Văn An",
        "Nguyễn Thị Ánh",
    ]
    assert sorted(names, key=sort_key) == [
        "Nguyễn Văn An",  # An
        "Nguyễn Thị Ánh",  # Ánh: after An (longer), tones only break ties
        "Vàng A Dính",  # D
        "Đặng Thị Mai",  # M: Mai before Mỷ (a < y)
        "Sùng Thị Mỷ",
        "Lò Văn Ơn",  # o < ô < ơ, and Ơ comes before U
        "Hoàng Thị Ưng",  # u < ư
    ]


def test_vietnamese_letters_are_distinct_letters_not_accented_copies():
    # a < ă < â < b;  d < đ < e;  o < ô < ơ < p;  u < ư < v
    assert sorted(["Bê", "Ân", "Ăn", "An"], key=sort_key) == ["An", "Ăn", "Ân", "Bê"]
    assert sorted(["Đức", "Dung", "Em"], key=sort_key) == ["Dung", "Đức", "Em"]
    assert sorted(["Ơn", "On", "Ôn"], key=sort_key) == ["On", "Ôn", "Ơn"]
    assert sorted(["Vân", "Ưng", "Uyên"], key=sort_key) == ["Uyên", "Ưng", "Vân"]


def test_tones_order_after_letters():
    # ngang < huyền < hỏi < ngã < sắc < nặng, and only when the letters are equal
    assert sorted(["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"], key=sort_key) == [
        "Ma", "Mà", "Mả", "Mã", "Má", "Mạ",
    ]  # fmt: skip
    assert sorted(["Anh", "Án", "An"], key=sort_key) == ["An", "Án", "Anh"]


def test_same_given_name_sorted_by_family_then_middle():
    assert sorted(["Vàng A Dính", "Lồ A Dính", "Lồ Văn Dính"], key=sort_key) == [
        "Lồ A Dính",
        "Lồ Văn Dính",
        "Vàng A Dính",
    ]


def test_sort_key_is_plain_ascii_so_sqlite_orders_it_the_same():
    key = sort_key("Đặng Thị Ưng")
    assert key.isascii()


def test_query_tokens_fold_and_split_on_punctuation():
    assert search_query_tokens("Nguyễn  thi-H") == ["nguyen", "thi", "h"]
    assert search_query_tokens("  ") == []
