"""The upstream hub where commune registers are gathered (district/province)."""
