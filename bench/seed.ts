import { Client } from 'pg';
import { seedOrganisation, SeededOrganisation } from './seed-organisations';
import { generateCertificateCode } from '../libs/certification/src/codes/certificate-code';
import { ReportTallies1795353726293 as ReportTallies } from '../migrations/1795353726293-ReportTallies';

/**
 * Bulk seed for the benchmark: set-based SQL (generate_series, INSERT … SELECT) against the
 * real schema, after the real importer has loaded the courses. Nothing goes through the HTTP
 * API or the services: 1,000,000 completions in a few dozen statements.
 *
 * Layout (full volume, `scale` = 1):
 * - 100,000 learners `learner<i>@bench.test`, one shared precomputed Argon2id hash;
 * - the course with the most lessons ("big course") has 50,000 enrolments (learners 0…49,999);
 *   every other published course 50,000 enrolments over shifted learner ranges;
 * - ~1,000,000 lesson completions: a share of enrolments finished (every lesson, every quiz
 *   passed, certificate), the rest part-way; the share is solved so the total is ~1M;
 * - quiz attempts and passes for finished enrolments (some with a failed first try), and the
 *   report's tallies and enrollments.started_at derived from them as the migration backfills them;
 * - 300,000 certificates: one live certificate per finished enrolment, the rest expired
 *   certificates of retired course versions (their version rows are not kept: certificates
 *   copy everything they show, so verification never joins the catalog).
 * Reserved learners in the big course: a lesson pool (no progress of its own), a quiz pool
 * (every lesson read, no attempts yet) and an issue pool (every lesson but the last done, every quiz passed, the
 * last lesson opened an hour ago) so that one completion request issues a certificate.
 */
export interface SeedOptions {
  scale: number;
  passwordHash: string;
  log?: (line: string) => void;
  /** Learners of the big course one lesson short of completion, beside the issue pool, for the deadline wave (bench/run.ts). */
  wavePool?: number;
}

export interface SeededCourse {
  slug: string;
  courseId: string;
  versionId: string;
  lessons: { id: string; slug: string }[];
  quizzes: { id: string; slug: string }[];
}

export interface SeedResult {
  counts: Record<string, number>;
  bigCourse: SeededCourse;
  /** Learner ids (users.id) of the reserved pools, all enrolled in the big course. */
  pools: { lesson: string[]; quiz: string[]; issue: string[]; wave: string[]; claim: { id: string; barNumber: string }[] };
  /** Learners enrolled part-way in the course with translations, half reading it in its source language, half in `translated.language`. */
  translated: { slug: string; language: string; lessons: { id: string; slug: string }[]; source: string[]; translatedReaders: string[] } | null;
  trainerId: string;
  adminId: string;
  /** A random sample of existing certificate codes (for verification). */
  codes: string[];
  verifierKey: string;
  organisation: SeededOrganisation;
  seconds: number;
}

const ENROLMENTS_PER_COURSE = 50_000;
const LEARNERS = 100_000;
const COMPLETIONS = 1_000_000;
const CERTIFICATES = 300_000;

export async function seed(databaseUrl: string, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const learners = Math.round(LEARNERS * options.scale);
    const perCourse = Math.round(ENROLMENTS_PER_COURSE * options.scale);
    const poolSize = Math.max(50, Math.round(6000 * options.scale));
    const issuePool = Math.max(20, Math.round(400 * options.scale));
    const wavePool = Math.max(0, Math.min(Math.round(options.wavePool ?? 0), perCourse - (poolSize * 2 + issuePool)));
    const courses = await loadCourses(db);
    if (courses.length === 0) throw new Error('no published course was imported: run the importer first');
    const big = [...courses].sort((a, b) => b.lessons.length - a.lessons.length)[0];
    const ordered = [big, ...courses.filter((c) => c !== big)];
    await db.query('SET synchronous_commit = off');
    // Bulk load: the rows are consistent by construction, so skip the per-row foreign-key triggers
    // (superuser-only; the embedded cluster's user is one). Constraints and indexes still apply.
    await db.query('SET session_replication_role = replica');
    await db.query(`SET maintenance_work_mem = '256MB'`);
    await db.query(`SET work_mem = '64MB'`);

    log(`users: ${learners} learners`);
    await db.query(
      `INSERT INTO users (email, password_hash, full_name, profession, bar_number, locale, role, created_at, updated_at)
       SELECT 'learner' || i || '@bench.test', $1, 'Learner ' || i,
              (ARRAY['defense_attorney','prosecutor','judge','other'])[1 + i % 4],
              CASE WHEN i % 4 = 0 THEN 'AZ-' || lpad(i::text, 6, '0') END,
              'en', 'learner', now() - (i % 1000) * interval '1 day', now()
         FROM generate_series(0, $2::int - 1) AS i`,
      [options.passwordHash, learners],
    );
    const staff = await db.query(
      `INSERT INTO users (email, password_hash, full_name, profession, role) VALUES
         ('trainer@bench.test', $1, 'Bench Trainer', 'other', 'trainer'), ('admin@bench.test', $1, 'Bench Admin', 'other', 'admin')
       RETURNING id, role`,
      [options.passwordHash],
    );
    const trainerId = staff.rows.find((r) => r.role === 'trainer').id as string;
    const adminId = staff.rows.find((r) => r.role === 'admin').id as string;

    // The plan: one row per enrolment with its learner index, course and how far it got.
    await db.query(`CREATE TEMP TABLE bench_users AS SELECT id, (substring(email FROM 'learner(\\d+)@'))::int AS idx FROM users WHERE email LIKE 'learner%@bench.test'`);
    await db.query(`CREATE INDEX ON bench_users (idx)`);
    await db.query(`CREATE TEMP TABLE bench_lessons (course_idx int, version_id uuid, pos int, lesson_id uuid)`);
    await db.query(`CREATE TEMP TABLE bench_quizzes (course_idx int, version_id uuid, quiz_id uuid)`);
    for (const [ci, c] of ordered.entries()) {
      await db.query(`INSERT INTO bench_lessons SELECT $1, $2, ord - 1, id FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, ord)`, [ci, c.versionId, c.lessons.map((l) => l.id)]);
      await db.query(`INSERT INTO bench_quizzes SELECT $1, $2, id FROM unnest($3::uuid[]) AS t(id)`, [ci, c.versionId, c.quizzes.map((q) => q.id)]);
    }
    const totalEnrolments = perCourse * ordered.length;
    // A finished enrolment completed all n lessons; a part-way one (idx % floor(n/2)), about (floor(n/2) - 1) / 2.
    const sumLessons = ordered.reduce((s, c) => s + c.lessons.length, 0);
    const sumPartial = ordered.reduce((s, c) => s + (Math.max(1, Math.floor(c.lessons.length / 2)) - 1) / 2, 0);
    const finishedShare = Math.min(0.9, Math.max(0.05, ((COMPLETIONS * options.scale) / perCourse - sumPartial) / (sumLessons - sumPartial)));
    const reserved = poolSize * 2 + issuePool; // learners 0 … reserved-1 of the big course, then the wave pool
    log(`enrolments: ${ordered.length} courses × ${perCourse}, finished share ${finishedShare.toFixed(3)}, wave pool ${wavePool}`);
    await db.query(
      `CREATE TEMP TABLE bench_plan AS
       SELECT gen_random_uuid() AS enrollment_id, u.id AS user_id, u.idx, c.ci AS course_idx, c.course_id, c.version_id, c.n,
              CASE WHEN c.ci = 0 AND u.idx < $4 THEN 'pool'
                   WHEN c.ci = 0 AND u.idx < $5 THEN 'issue'
                   WHEN c.ci = 0 AND u.idx < $10 THEN 'wave'
                   WHEN (hashint4((u.idx * 7 + c.ci)::int) & 1023) < $3::float8 * 1024 THEN 'finished'
                   ELSE 'partial' END AS kind
         FROM (SELECT (ci - 1)::int AS ci, course_id, version_id, n FROM unnest($1::uuid[], $2::uuid[], $6::int[]) WITH ORDINALITY AS t(course_id, version_id, n, ci)) c
         JOIN generate_series(0, $7::int - 1) AS k ON true
         JOIN bench_users u ON u.idx = (k + c.ci * $8::int) % $9::int`,
      [ordered.map((c) => c.courseId), ordered.map((c) => c.versionId), finishedShare, poolSize * 2, reserved, ordered.map((c) => c.lessons.length), perCourse, Math.round(learners / ordered.length / 2), learners, reserved + wavePool],
    );
    await db.query(
      `INSERT INTO enrollments (id, user_id, course_id, version_id, enrolled_at, completed_at)
       SELECT enrollment_id, user_id, course_id, version_id, now() - interval '400 days' + (idx % 300) * interval '1 day',
              CASE WHEN kind = 'finished' THEN now() - interval '90 days' + (idx % 80) * interval '1 day' END
         FROM bench_plan`,
    );

    log('lesson completions');
    await db.query(
      `INSERT INTO lesson_completions (enrollment_id, lesson_id, completed_at, seconds_on_task)
       SELECT p.enrollment_id, l.lesson_id, now() - interval '100 days' + l.pos * interval '1 hour', 120 + (p.idx + l.pos) % 900
         FROM bench_plan p JOIN bench_lessons l ON l.course_idx = p.course_idx
        WHERE p.kind <> 'pool' AND l.pos < CASE p.kind WHEN 'finished' THEN p.n WHEN 'issue' THEN p.n - 1 WHEN 'wave' THEN p.n - 1 ELSE (p.idx % greatest(1, p.n / 2)) END
           -- The quiz pool has read every lesson: the flagship courses open a module's quiz only after its lessons.
           OR p.kind = 'pool' AND p.idx >= $1`,
      [poolSize],
    );
    // The issue pool has studied its last lesson for an hour (the study clock's accrued time): completing it is allowed at once.
    await db.query(
      `INSERT INTO lesson_visits (enrollment_id, lesson_id, first_opened_at, seconds_accrued)
       SELECT p.enrollment_id, l.lesson_id, now() - interval '1 hour', 3600 FROM bench_plan p JOIN bench_lessons l ON l.course_idx = p.course_idx AND l.pos = p.n - 1 WHERE p.kind IN ('issue', 'wave')`,
    );

    log('quiz attempts and passes');
    // Every third finished enrolment failed its first try of each quiz.
    await db.query(
      `CREATE TEMP TABLE bench_attempts AS
       SELECT gen_random_uuid() AS id, p.user_id, p.enrollment_id, q.quiz_id, a.n AS number, a.n = a.total AS passed
         FROM bench_plan p JOIN bench_quizzes q ON q.course_idx = p.course_idx
         CROSS JOIN LATERAL (SELECT n, CASE WHEN p.idx % 3 = 0 THEN 2 ELSE 1 END AS total FROM generate_series(1, CASE WHEN p.idx % 3 = 0 THEN 2 ELSE 1 END) AS n) a
        WHERE p.kind IN ('finished', 'issue', 'wave')`,
    );
    // Graded results per question (what the trainer report's item analysis reads); explanations left empty to keep the seed small.
    await db.query(`CREATE TEMP TABLE bench_questions AS SELECT quiz_id, array_agg(id ORDER BY position) AS ids FROM quiz_questions GROUP BY quiz_id`);
    await db.query(
      `INSERT INTO quiz_attempts (id, user_id, enrollment_id, quiz_id, number, started_at, submitted_at, score, passed, layout, answers, results)
       SELECT a.id, a.user_id, a.enrollment_id, a.quiz_id, a.number, now() - interval '95 days', now() - interval '95 days' + interval '15 minutes',
              CASE WHEN a.passed THEN 70 + (hashint4(a.number * 13 + length(a.id::text)) & 31) % 31 ELSE 20 + (hashint4(a.number) & 31) END, a.passed, '[]', '[]',
              (SELECT jsonb_agg(jsonb_build_object('questionId', qid, 'correct', random() < CASE WHEN a.passed THEN 0.85 ELSE 0.4 END, 'explanation', '') ORDER BY ord)
                 FROM unnest(q.ids) WITH ORDINALITY AS t(qid, ord))
         FROM bench_attempts a JOIN bench_questions q ON q.quiz_id = a.quiz_id`,
    );
    await db.query(`INSERT INTO quiz_passes (enrollment_id, quiz_id, attempt_id, passed_at) SELECT enrollment_id, quiz_id, id, now() - interval '95 days' FROM bench_attempts WHERE passed`);
    // Part-way learners outside the reserved pools: one unsubmitted or failed attempt each on their first quiz.
    await db.query(
      `INSERT INTO quiz_attempts (user_id, enrollment_id, quiz_id, number, started_at, submitted_at, score, passed, layout, answers, results)
       SELECT p.user_id, p.enrollment_id, q.quiz_id, 1, now() - interval '30 days', now() - interval '30 days' + interval '12 minutes', 50, false, '[]', '[]', '[]'
         FROM bench_plan p JOIN LATERAL (SELECT quiz_id FROM bench_quizzes bq WHERE bq.course_idx = p.course_idx LIMIT 1) q ON true
        WHERE p.kind = 'partial' AND p.idx % 2 = 0`,
    );

    // The trainer report reads tallies that grading keeps; fill them from the rows just seeded,
    // with the same statements an upgraded database's migration runs (one transaction: it locks).
    log('report tallies');
    await db.query('BEGIN');
    await ReportTallies.backfill(db);
    await db.query('COMMIT');

    log('certificates');
    const finished = await db.query(`SELECT count(*)::int AS n FROM bench_plan WHERE kind = 'finished'`);
    const liveCount = finished.rows[0].n as number;
    const total = Math.max(liveCount, Math.round(CERTIFICATES * options.scale));
    const codes = uniqueCodes(total);
    await db.query(`CREATE TEMP TABLE bench_codes (n int PRIMARY KEY, code text)`);
    for (let i = 0; i < codes.length; i += 50_000) {
      await db.query(`INSERT INTO bench_codes SELECT $1::int + ord::int - 1, code FROM unnest($2::text[]) WITH ORDINALITY AS t(code, ord)`, [i, codes.slice(i, i + 50_000)]);
    }
    const titles = await db.query(`SELECT cv.id, cv.title, cv.version, cv.cle_hours, cv.cle_categories, cv.validity_months, c.slug FROM course_versions cv JOIN courses c ON c.id = cv.course_id`);
    await db.query(`CREATE TEMP TABLE bench_versions AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, title text, version int, cle_hours numeric, cle_categories jsonb, validity_months int, slug text)`, [JSON.stringify(titles.rows)]);
    const certSelect = (source: string) => `
       INSERT INTO certificates (code, user_id, enrollment_id, course_version_id, holder_name, profession, bar_number, course_slug, course_title, course_version,
                                 cle_hours, cle_categories, completed_at, issued_at, expires_at, issuer, pdf, pdf_sha256)
       SELECT x.code, u.id, x.enrollment_id, x.version_id, u.full_name, u.profession, u.bar_number, v.slug, v.title, x.course_version,
              v.cle_hours, v.cle_categories, x.completed_at, x.completed_at + interval '1 minute',
              CASE WHEN v.validity_months IS NULL THEN NULL ELSE x.completed_at + make_interval(months => v.validity_months) END,
              'Themis (bench)', convert_to('%PDF-1.7 bench certificate ' || x.code, 'UTF8'), encode(sha256(convert_to('%PDF-1.7 bench certificate ' || x.code, 'UTF8')), 'hex')
         FROM (${source}) x JOIN users u ON u.id = x.user_id JOIN bench_versions v ON v.id = x.real_version_id`;
    // Live certificates of the finished enrolments.
    await db.query(
      certSelect(`SELECT bc.code, p.user_id, p.enrollment_id, p.version_id, p.version_id AS real_version_id, cv.version AS course_version, e.completed_at
                    FROM (SELECT *, row_number() OVER (ORDER BY enrollment_id) - 1 AS rn FROM bench_plan WHERE kind = 'finished') p
                    JOIN bench_codes bc ON bc.n = p.rn JOIN enrollments e ON e.id = p.enrollment_id JOIN course_versions cv ON cv.id = p.version_id`),
    );
    await db.query(`UPDATE enrollments e SET certificate_code = c.code FROM certificates c WHERE c.enrollment_id = e.id`);
    // Earlier cycles: expired certificates of retired versions (one synthetic version id per course and cycle).
    await db.query(
      certSelect(`SELECT bc.code, p.user_id, p.enrollment_id,
                         md5(p.version_id::text || ':' || ((bc.n - $1::int) / p.cnt))::uuid AS version_id, p.version_id AS real_version_id, 0 AS course_version,
                         now() - interval '4 years' - ((bc.n - $1::int) / p.cnt) * interval '1 year' + (bc.n % 200) * interval '1 day' AS completed_at
                    FROM bench_codes bc JOIN (SELECT *, row_number() OVER (ORDER BY enrollment_id) - 1 AS rn, $2::int AS cnt FROM bench_plan) p ON p.rn = (bc.n - $1::int) % $2::int
                   WHERE bc.n >= $1::int`),
      [liveCount, totalEnrolments],
    );

    // An API key for batch verification (key_hash = sha256 hex of the key, as VerifiersService stores it).
    const verifierKey = `bench_${require('node:crypto').randomBytes(18).toString('hex')}`;
    await db.query(`INSERT INTO verifiers (name, key_hash, key_prefix) VALUES ('Bench bar association', encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2)`, [verifierKey, verifierKey.slice(0, 12)]);

    const organisation = await seedOrganisation(db, options.scale, log);

    // Completing a course that grants CLE hours issues only for an approved version (four eyes); the migration
    // approves versions that existed before it, the importer's are waiting. The wave and issue figures need them approved.
    await db.query(`INSERT INTO version_approvals (course_version_id, approved_by, note) SELECT id, 'bench', 'bench seed' FROM course_versions ON CONFLICT DO NOTHING`);

    // Membership claims: learners without a membership whose name and number are on the roster (a claim verified at once).
    const claimPool = Math.max(50, Math.round(2000 * options.scale));
    const claimers = await db.query(
      `WITH c AS (SELECT p.user_id, u.full_name, 'BC-' || lpad(p.idx::text, 7, '0') AS bar_number FROM bench_plan p JOIN users u ON u.id = p.user_id
                   WHERE p.course_idx = 0 AND p.kind = 'partial' AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.user_id) ORDER BY p.idx LIMIT $2),
            r AS (INSERT INTO roster_entries (organisation_id, bar_number_key, bar_number, full_name, name_key, admitted_on, line)
                  SELECT $1, replace(bar_number, '-', ''), bar_number, full_name, lower(full_name), NULL, 100000000 + row_number() OVER () FROM c)
       SELECT user_id::text AS id, bar_number FROM c`,
      [organisation.organisationId, claimPool],
    );

    // Readers of the course with translations: part-way enrolments, half switched to the first translated language.
    const multi = await db.query(
      `SELECT p.course_idx, (SELECT l FROM unnest(cv.languages) l WHERE l <> cv.language LIMIT 1) AS language
         FROM course_versions cv JOIN (SELECT DISTINCT course_idx, version_id FROM bench_plan) p ON p.version_id = cv.id
        WHERE cardinality(cv.languages) > 1 ORDER BY p.course_idx LIMIT 1`,
    );
    let translated: SeedResult['translated'] = null;
    if (multi.rows.length) {
      const { course_idx: ci, language } = multi.rows[0] as { course_idx: number; language: string };
      const readers = await db.query(`SELECT user_id::text AS id FROM bench_plan WHERE course_idx = $1 AND kind = 'partial' ORDER BY idx LIMIT $2`, [ci, 2 * Math.max(50, Math.round(2000 * options.scale))]);
      const ids = readers.rows.map((r) => r.id as string);
      const half = Math.floor(ids.length / 2);
      await db.query(`UPDATE enrollments SET language = $1 WHERE course_id = $2 AND user_id = ANY($3::uuid[])`, [language, ordered[ci].courseId, ids.slice(half)]);
      translated = { slug: ordered[ci].slug, language, lessons: ordered[ci].lessons, source: ids.slice(0, half), translatedReaders: ids.slice(half) };
    }

    log('ANALYZE');
    await db.query('ANALYZE');
    const pools = await db.query(
      `SELECT kind, array_agg(user_id::text ORDER BY idx) AS ids FROM bench_plan WHERE course_idx = 0 AND kind IN ('pool', 'issue', 'wave') GROUP BY kind`,
    );
    const poolIds: string[] = pools.rows.find((r) => r.kind === 'pool')?.ids ?? [];
    const issueIds: string[] = pools.rows.find((r) => r.kind === 'issue')?.ids ?? [];
    const waveIds: string[] = pools.rows.find((r) => r.kind === 'wave')?.ids ?? [];
    const sample = await db.query(`SELECT code FROM certificates TABLESAMPLE SYSTEM (5) LIMIT 20000`);
    const counts: Record<string, number> = {};
    for (const table of ['users', 'enrollments', 'lesson_completions', 'quiz_attempts', 'quiz_passes', 'certificates']) {
      counts[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    }
    counts['big_course_enrollments'] = (await db.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1`, [big.courseId])).rows[0].n;
    return {
      counts,
      bigCourse: big,
      pools: { lesson: poolIds.slice(0, poolSize), quiz: poolIds.slice(poolSize), issue: issueIds, wave: waveIds, claim: claimers.rows.map((r) => ({ id: r.id as string, barNumber: r.bar_number as string })) },
      translated,
      trainerId,
      adminId,
      codes: sample.rows.map((r) => r.code as string),
      verifierKey,
      organisation,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await db.end();
  }
}

function uniqueCodes(n: number): string[] {
  const set = new Set<string>();
  while (set.size < n) set.add(generateCertificateCode());
  return [...set];
}

async function loadCourses(db: Client): Promise<SeededCourse[]> {
  const versions = await db.query(
    `SELECT c.slug, c.id AS "courseId", cv.id AS "versionId" FROM courses c JOIN course_versions cv ON cv.id = c.current_version_id WHERE cv.published ORDER BY c.slug`,
  );
  const result: SeededCourse[] = [];
  for (const v of versions.rows) {
    const lessons = await db.query(
      `SELECT l.id, l.slug FROM lessons l JOIN course_modules m ON m.id = l.module_id WHERE l.version_id = $1 ORDER BY m.position, l.position`,
      [v.versionId],
    );
    const quizzes = await db.query(`SELECT q.id, q.slug FROM quizzes q JOIN course_modules m ON m.id = q.module_id WHERE q.version_id = $1 ORDER BY m.position`, [v.versionId]);
    result.push({ ...v, lessons: lessons.rows, quizzes: quizzes.rows });
  }
  return result;
}
