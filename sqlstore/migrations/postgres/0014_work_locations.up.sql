-- Where the candidate said they can work ("Berlin", "remote"), recorded by a
-- person from the candidate's own answer: the only input of a job's
-- location criterion (never read from the résumé). JSON list.
ALTER TABLE candidates ADD COLUMN work_locations TEXT NOT NULL DEFAULT '[]';
