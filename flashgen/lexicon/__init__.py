"""The language layer every stage asks: CC-CEDICT, segmentation, HSK levels, scripts."""
