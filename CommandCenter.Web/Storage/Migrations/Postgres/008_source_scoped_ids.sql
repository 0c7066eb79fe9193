-- Identities belong to their source: order ids and alarm devices a source gave are now stored as {source}.{id}.
-- The data step that follows this file (SourceScopedIds, in code: it reads and rewrites event JSON) namespaces the
-- events already in the log, then empties the projected tables and resets their mark, so the projection rebuilds them
-- from the rewritten log at start.
SELECT 1;
