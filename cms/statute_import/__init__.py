"""Import the statute library (法律法规库) from CSV, XLSX or JSON, with a change report.

``parsing`` turns a file into clean rows (or row-level Chinese errors); ``services`` compares
them with the library, writes all or nothing and keeps the report (``StatuteImport``).
"""
