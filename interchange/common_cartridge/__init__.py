"""IMS Common Cartridge 1.1, 1.2 and 1.3 with QTI 1.2 assessments: reading and writing."""
