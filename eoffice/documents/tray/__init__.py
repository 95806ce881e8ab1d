"""The signature tray (portafirmas): circuits of officials who sign or reject a document,
in order or all at once, each signature a new version of the document."""
