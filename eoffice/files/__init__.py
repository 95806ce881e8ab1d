"""Files context (administrative files). Today the minimal file record the registry's
hand-off needs: a file opened for each registered application, with a gap-free number per
unit and year, its procedure, parties and entry; an outbox message lets processing start
the procedure's process. Documents in a file, annotations, movements and the file index
come with the files issue.

Other contexts call only what is listed here.
"""

from eoffice.files.services.opening import OPENED_TOPIC, FileView, NewFile, open_file

__all__ = ["OPENED_TOPIC", "FileView", "NewFile", "open_file"]
