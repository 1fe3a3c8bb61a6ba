-- System entries record facts, not sentences: entries.event holds the event as JSON
-- (logbook.Event: its kind and ids, levels and codes), and the reader's language
-- makes the sentence when the entry is shown. Entries people write keep it empty.
-- System entries stored without it (every one when this file is applied, written
-- with a bokmål sentence as their text, and any a server of an older version writes
-- during a rolling upgrade) are found through the partial index and read back into
-- events each time the server starts (store.readEvents), since turning the old
-- sentences into JSON is not portable SQL.
ALTER TABLE entries ADD COLUMN event TEXT NOT NULL DEFAULT '';
CREATE INDEX entries_event_unread ON entries (id) WHERE event = ''
    AND kind IN ('level_change', 'consent', 'participant', 'transfer', 'closure', 'undring_decision', 'step_done');
