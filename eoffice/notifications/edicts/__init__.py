"""The electronic edict board (tablón de edictos, Law 39/2015 art. 44-45): edicts and
announcements on display for a period in three languages, withdrawal and correction
chained to the original, a sealed certificate of publication at the end of the period,
and personal data no longer shown once the edict's purpose is met. Other contexts use
what ``eoffice.notifications`` exports from here."""
