// bench/duckdb_groups.mjs - the group figures of csf-gap --by FIELD computed
// by DuckDB from the same scores: per value of the profile field, n
// (subjects with item scores), pairs (item scores with a target), mean
// (unanswered as 0), at_target, share_at_target, unanswered and dist
// (pairs at levels 0-4). Prints one JSON line per group, sorted by value.
// usage: node bench/duckdb_groups.mjs SCORES FIELD THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, field, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads || 1) });
const con = await db.connect();
const q = (s) => s.replace(/'/g, "''");
const sql = `
WITH r AS (
  SELECT * FROM read_json('${q(file)}', format = 'newline_delimited',
    columns = {type: 'VARCHAR', kind: 'VARCHAR', subject: 'VARCHAR',
               "${field}": 'VARCHAR', current: 'INTEGER', target: 'INTEGER'})),
p AS (SELECT subject, "${field}" AS v FROM r WHERE type = 'profile'),
s AS (SELECT subject, coalesce(current, 0) AS c, current IS NULL AS u, target
      FROM r WHERE type = 'score' AND kind = 'item' AND target IS NOT NULL)
SELECT p.v AS value, count(DISTINCT s.subject) AS n, count(*) AS pairs,
  round(avg(c), 2) AS mean, count(*) FILTER (c >= target) AS at_target,
  round(100.0 * count(*) FILTER (c >= target) / count(*), 1) AS share_at_target,
  count(*) FILTER (u) AS unanswered,
  [count(*) FILTER (c = 0), count(*) FILTER (c = 1), count(*) FILTER (c = 2),
   count(*) FILTER (c = 3), count(*) FILTER (c = 4)] AS dist
FROM s JOIN p USING (subject) GROUP BY p.v ORDER BY p.v`;
const reader = await con.runAndReadAll(sql);
for (const row of reader.getRowObjectsJson())
  console.log(JSON.stringify(row));
