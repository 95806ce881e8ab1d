"""Admin pages of the catalogue (``/admin/catalogue``): list, search, create and edit
procedures, their cases and documents; preview, publish, unpublish, history of
versions; taxonomies with import and export. For ``catalogue.manage`` only."""

from eoffice.catalogue.admin_pages import editing, procedures, publishing, taxonomy_pages
from eoffice.catalogue.admin_pages.blueprint import bp

__all__ = ["bp", "editing", "procedures", "publishing", "taxonomy_pages"]
