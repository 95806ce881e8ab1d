"""Tables of the files context for groupings of files processed together (a number per
grouping unit and year, a name, the reason, and the member files), and the index the
statistics of administrative management read ``files_file`` through."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.files.models import AdministrativeFile
from eoffice.shared.db import Base, UTCDateTime


class GroupingCounter(Base):
    """The last grouping number given by a unit in a year."""

    __tablename__ = "files_grouping_counter"
    __table_args__ = (UniqueConstraint("unit_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)


class FileGrouping(Base):
    """Files a unit processes together (``URB/2026/G0001``: the same works, the same
    applicant...), with the reason they are grouped."""

    __tablename__ = "files_grouping"
    __table_args__ = (UniqueConstraint("unit_code", "year", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("unit.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))


class GroupedFile(Base):
    """A file in a grouping (a file may be in several); removing it deletes the row, and
    both changes stay in the file's actions history."""

    __tablename__ = "files_grouping_member"
    __table_args__ = (UniqueConstraint("grouping_id", "file_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grouping_id: Mapped[int] = mapped_column(ForeignKey("files_grouping.id"))
    file_id: Mapped[str] = mapped_column(ForeignKey("files_file.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(100))


# The statistics count files per year, responsible unit, procedure and state in one
# GROUP BY: this index covers it.
STATISTICS_INDEX = Index(
    "ix_files_file_statistics", AdministrativeFile.year, AdministrativeFile.responsible_unit,
    AdministrativeFile.procedure_code, AdministrativeFile.state)
