// Package pathway is the triage compiler: it reads a pathway file
// (pathways/<id>.toml), checks it against every rule below, links it into a
// graph of questions and answers, and enumerates and counts the routes
// through it for clinical review.
//
// It owns the pathway model and its rules. It does not own the TOML reading
// (package tomldoc), the diagnostic type (package diag), the outcome pages
// (it only asks whether an outcome id exists), the route limit's value (the
// caller reads max_routes from site.toml) or the HTML (package render).
//
// # The model
//
// A pathway is a list of questions. Each question has answers; an answer
// either goes on to another question of the same pathway (next) or ends the
// pathway in an outcome (outcome), which is a page content/outcomes/<id>.md.
// The pathway starts at the question named by start.
//
//	title = "Get help for a mental health crisis"   # required
//	summary = "Answer a few questions ..."          # optional
//	start = "danger"                                # required: a question id
//
//	[review]                                        # optional
//	owner = "Clinical lead, urgent care"            # optional
//	reviewed = 2026-10-01                           # optional TOML local date
//	next_review = 2027-04-01                        # optional TOML local date
//
//	[[question]]
//	id = "danger"                                   # required
//	text = "Are you in immediate danger?"           # required, plain text
//	hint = "For example, ..."                       # optional, inline Markdown
//
//	  [[question.answer]]
//	  label = "Yes"                                 # required, plain text
//	  outcome = "call-999"                          # an outcome id ...
//
//	  [[question.answer]]
//	  label = "No"
//	  next = "harm-thoughts"                        # ... or a question id
//
// Answers may also be written inline (answer = [{ label = "Yes", ... }]).
// Questions may share sub-questions (two answers may have the same next),
// so the questions form a directed acyclic graph, not necessarily a tree. A
// route is one walk from start to an outcome: the questions asked and the
// answer given to each.
//
// # Strict and lenient: Parse, Check, Load
//
// There is one model, read in two steps. Parse reads the file into a
// *Draft: the graph as far as it can be read, every question and answer in
// file order with positions, and every reference (start, next, outcome) as
// the name written (a Ref), resolved or not. It reports what is wrong with
// a value or a table on its own, and returns nil only when the file is not
// TOML. Check applies the rules that relate the parts (ids unique,
// references resolve, next or outcome, answers, labels, reachability,
// loops) and links the draft into a *Pathway that keeps its Draft (and
// each Question and Answer its DraftQuestion and DraftAnswer). Load is
// Parse then Check, and returns the *Pathway only when neither reported an
// error. The preview's map draws a Draft and marks it with these same
// diagnostics, matched by position, so it never disagrees with the
// compiler.
//
// Load returns the linked *Pathway, or nil when the file has any error.
// Questions keeps file order; Question.N numbers the questions 1, 2, ... in
// breadth-first order from start (answers in file order), which is the
// neutral fragment id the page uses (#q1, #q2, ...), so neither a
// question's id nor its text appears in a URL.
//
// # The rules
//
// Every problem is reported to the diag.List as file:line:col: what is
// wrong: what to do. Parse reports the problems of one value or table
// (the rules below through the slugs, and the review dates); Check reports
// the rest, and "no questions" and "no answers". Load reports every problem it finds, never only the
// first, and never panics, whatever the input. Where a problem has no line
// of its own it points at the nearest line that does.
//
//   - The pathway id is the file's base name without .toml and must be a
//     slug, [a-z0-9]+(-[a-z0-9]+)*; reported at line 1.
//   - TOML syntax errors (then nothing else in the file is checked).
//   - Unknown keys, in every table: a typo in clinical content must never be
//     silently ignored. The closest known key is suggested.
//   - Missing required keys: title, start, and each question's id and text,
//     each answer's label; reported at the table that lacks them. A file
//     with no [[question]] at all is reported at line 1.
//   - Wrong types: the text keys and ids are strings; [review] reviewed and
//     next_review are TOML local dates (2026-10-01, no quotes); question is
//     an array of tables, and so is each question's answer.
//   - Text must not be blank: title, summary, owner, question text and
//     hint, answer label (an optional key that is present must say
//     something, or be removed). Text must not contain control characters
//     other than tab, newline and carriage return: they are invisible, so a
//     reviewer cannot see them. Labels and question text are plain text and the renderer
//     escapes them, so "<18" or "A&E" are accepted and shown as written;
//     no character is rejected for looking like markup. A hint is inline
//     Markdown, kept raw for the renderer.
//   - Question ids, start, next and outcome are slugs; reported at the
//     value, with the slug the author probably meant.
//   - Question ids are unique in the pathway: the second use is reported at
//     its id, naming the line of the first. References resolve to the first.
//   - start and every next name a question of this pathway; every outcome
//     names an outcome that exists (outcomeExists), else the message names
//     the file to create. The closest existing id (edit distance at most 2)
//     is suggested. For outcomes the candidates are the ids one edit away,
//     probed through outcomeExists, and the existing outcomes this pathway
//     uses elsewhere.
//   - An answer has exactly one of next and outcome: both, or neither, is
//     reported at the answer (its [[question.answer]] header, or its { when
//     inline). When both are set, both are still resolved, so a mistake in
//     either is reported too and the question next names is not reported
//     as unreachable.
//   - A question has at least one answer, reported at the question.
//   - Two answers of one question may not share a label. Labels are
//     compared ignoring case, surrounding spaces and runs of spaces inside,
//     as a reader would; the second is reported at its label.
//   - Every question is reachable from start; an unreachable question is
//     reported at its id (only when start itself resolves).
//   - The questions have no cycle. Each loop is reported once, at the id of
//     its first question in file order, naming the whole loop (a -> b -> a).
//     Where questions are tangled into several overlapping loops (one
//     strongly connected group), the shortest loop through the group's
//     first question is named and the rest of the group is listed with it;
//     a question that leads to itself (a -> a) is always reported on its
//     own. Unreachable questions are checked for loops too. Since every
//     answer has exactly one of next and outcome, every next resolves and
//     there is no cycle, every route ends in an outcome.
//   - [review] next_review on or before reviewed is a warning (the dates are
//     probably swapped). Whether a review is overdue depends on today's
//     date, so it is not judged here: builds must be reproducible.
//
// # Routes
//
// CountRoutes counts the routes without enumerating them (a sum over the
// graph in topological order, saturating at math.MaxUint64), so a pathway
// with 2^60 routes is counted at once. CheckRouteLimit turns a count above
// the site's limit into an error: reviewers must be able to sign off every
// route. Routes enumerates them, depth first with answers in file order, so
// call it only after the limit check. WriteRoutes and WriteRoutesCSV print
// them for clinical review, with runs of white space shown as one space, as
// the page shows them. Outcomes lists the outcome ids the pathway can
// end in, for the renderer and for checks that every outcome is used.
package pathway
