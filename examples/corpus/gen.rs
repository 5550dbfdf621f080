//! The benchmark corpus generator: N synthetic interview reviews, written both as a
//! Roundtable site and as an equivalent Hugo site (same interviews, same Markdown).
//!
//! Deterministic: the same `count` and `seed` always give byte-identical trees, and
//! interview `i` does not depend on `count` (a corpus of 1,000 is the first 1,000
//! interviews of a corpus of 10,000). Standard library only, so that the example
//! (`examples/corpus/main.rs`) and the test (`tests/corpus.rs`) can share it with
//! `#[path]`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The default seed of `--seed`.
pub const DEFAULT_SEED: u64 = 0x5eed_2026;

/// The site title of both trees.
pub const SITE_TITLE: &str = "Roundtable Benchmark Corpus";
/// The base URL of both trees.
pub const BASE_URL: &str = "https://example.com/kb";

/// The six verdicts, with their labels.
pub const VERDICTS: [(&str, &str); 6] = [
    ("strong-hire", "Strong hire"),
    ("hire", "Hire"),
    ("lean-hire", "Lean hire"),
    ("lean-no-hire", "Lean no hire"),
    ("no-hire", "No hire"),
    ("strong-no-hire", "Strong no hire"),
];

/// The 16 built-in principles, with descriptions for the Hugo data file (our own words).
pub const PRINCIPLES: [(&str, &str); 16] = [
    ("Customer Obsession", "Starts from the customer and works backwards."),
    ("Ownership", "Acts for the long term and for the whole company."),
    ("Invent and Simplify", "Looks for new ideas and makes things simpler."),
    ("Are Right, A Lot", "Has good judgment and seeks out views that challenge it."),
    ("Learn and Be Curious", "Keeps learning and goes to explore new possibilities."),
    ("Hire and Develop the Best", "Raises the bar with every hire and coaches others."),
    ("Insist on the Highest Standards", "Fixes defects at the root and keeps raising the bar."),
    ("Think Big", "Sets a bold direction and looks around corners."),
    ("Bias for Action", "Takes calculated risks instead of waiting."),
    ("Frugality", "Does more with less."),
    ("Earn Trust", "Listens, speaks candidly and admits mistakes."),
    ("Dive Deep", "Stays close to the details and questions metrics that disagree with anecdotes."),
    ("Have Backbone; Disagree and Commit", "Challenges decisions, then commits fully."),
    ("Deliver Results", "Delivers the inputs that matter, on time and with quality."),
    ("Strive to be Earth's Best Employer", "Builds a safer, fairer and more productive workplace."),
    ("Success and Scale Bring Broad Responsibility", "Leaves things better than it found them."),
];

/// The candidate roles, with the phrase a title uses for them.
const ROLES: [(&str, &str); 6] = [
    ("Software Development Engineer", "an Engineer"),
    ("Product Manager", "a PM"),
    ("Engineering Manager", "a Manager"),
    ("Data Scientist", "a Data Scientist"),
    ("Solutions Architect", "an Architect"),
    ("Technical Program Manager", "a TPM"),
];

/// Levels, L10 among them: it must sort after L8, not between L1 and L2.
pub const LEVELS: [&str; 6] = ["L4", "L5", "L6", "L7", "L8", "L10"];

const COMPANIES: [&str; 6] =
    ["Amazon", "AWS", "Northwind Logistics", "Fabrikam Cloud", "Contoso Retail", "Tailspin Media"];

/// The recurring panel: 40 people, each with a fixed role.
const POOL: [(&str, &str); 40] = [
    ("Priya Raman", "VP of Engineering"),
    ("Marcus Bell", "Principal Engineer"),
    ("Elena Petrova", "Director of Product"),
    ("Tomasz Nowak", "Bar Raiser"),
    ("Grace Okafor", "Senior Engineering Manager"),
    ("Hiroshi Sato", "Staff Data Scientist"),
    ("Inés Navarro", "Head of Design"),
    ("Daniel Whitfield", "VP of Operations"),
    ("Aisha Karim", "Principal Solutions Architect"),
    ("Lukas Becker", "Senior Technical Program Manager"),
    ("Maya Goldberg", "Distinguished Engineer"),
    ("Kwame Mensah", "Director of Data Science"),
    ("Sofia Rossi", "Principal Product Manager"),
    ("Ethan Clarke", "Bar Raiser"),
    ("Mei Lin", "Senior Principal Engineer"),
    ("Oliver Grant", "Director of Engineering"),
    ("Zoë Lambert", "Head of Research"),
    ("Rahul Mehta", "Principal Engineer"),
    ("Hannah Fischer", "Senior Manager, Operations"),
    ("Samuel Adeyemi", "VP of Product"),
    ("Chloé Martin", "Principal UX Researcher"),
    ("Victor Hughes", "Director of Security"),
    ("Nadia Rahman", "Senior Data Scientist"),
    ("Felix Wagner", "Staff Engineer"),
    ("Laura Jiménez", "Director of Talent"),
    ("Benjamin Cho", "Principal Economist"),
    ("Olivia Brennan", "Bar Raiser"),
    ("Arjun Nair", "Senior Solutions Architect"),
    ("Freya Lindqvist", "Head of Customer Support"),
    ("Gabriel Santos", "Principal Program Manager"),
    ("Yuki Tanabe", "Engineering Manager"),
    ("Isaac Morgan", "VP of Finance"),
    ("Leila Haddad", "Director of Platform"),
    ("Noah Fitzgerald", "Senior Product Manager"),
    ("Ana Ribeiro", "Principal Applied Scientist"),
    ("Connor Walsh", "Site Reliability Lead"),
    ("Fatima Zahra", "Director of Fulfilment"),
    ("Peter Lindgren", "Principal Engineer"),
    ("Renée Dubois", "Head of Policy"),
    ("Tariq Aziz", "Senior Engineering Manager"),
];

const HOOKS: [&str; 24] = [
    "Nine Seconds a Pick",
    "The Quiet Outage",
    "Half the Bill",
    "Read the Transcripts",
    "One Weekend, No Rollback",
    "The Metric That Lied",
    "Fewer Pages, Better Sleep",
    "Working Backwards",
    "Cutting the Queue",
    "The Holdout Nobody Wanted",
    "A Tax on Every Request",
    "When the Dashboard Disagrees",
    "Two Teams, One Owner",
    "Measure Twice",
    "The Cost of Waiting",
    "Small Bets",
    "Raising the Bar",
    "Trust, Then Verify",
    "Under the P99",
    "No Heroes",
    "The Last Mile",
    "Saying No to the Roadmap",
    "Scale Without Drama",
    "The Unowned Alarm",
];

const VERBS_TITLE: [&str; 10] = [
    "Rethinks",
    "Rebuilds",
    "Untangles",
    "Owns",
    "Simplifies",
    "Measures",
    "Rescues",
    "Questions",
    "Redesigns",
    "Automates",
];

const TOPICS: [&str; 36] = [
    "Checkout Retries",
    "Warehouse Pick Routing",
    "a Flaky Test Suite",
    "On-Call Paging",
    "Returns Abuse Detection",
    "Grocery Substitutions",
    "a Cloud Cost Review",
    "a Weekend Database Cutover",
    "Order Queue Backpressure",
    "an A/B Testing Platform",
    "Packaging Waste",
    "Search Ranking Signals",
    "Delivery Time Estimates",
    "a Team After Attrition",
    "Seller Onboarding",
    "the Recommendations Cache",
    "Fraud Rules",
    "Inventory Forecasts",
    "the Payments Ledger",
    "a Mobile Release Train",
    "Customer Contact Routing",
    "Price Matching",
    "a Data Lake Migration",
    "Service Ownership Maps",
    "Incident Reviews",
    "the Hiring Pipeline",
    "Capacity Planning",
    "Feature Flag Debt",
    "Latency Budgets",
    "Review Moderation",
    "a Subscription Churn Model",
    "Last-Mile Routing",
    "Alarm Fatigue",
    "a Pricing Experiment",
    "Localisation at Launch",
    "Accessibility Audits",
];

const SUBJECTS: [&str; 8] = [
    "The candidate",
    "They",
    "Their design",
    "The rollout plan",
    "The answer",
    "The proposal",
    "Their team",
    "The write-up",
];

const VERBS: [&str; 20] = [
    "measured",
    "reframed",
    "rebuilt",
    "questioned",
    "simplified",
    "owned",
    "escalated",
    "documented",
    "instrumented",
    "deferred",
    "prioritised",
    "split",
    "cut",
    "automated",
    "costed",
    "audited",
    "rewrote",
    "defended",
    "sequenced",
    "challenged",
];

const OBJECTS: [&str; 24] = [
    "the p99 latency of the checkout service",
    "the on-call rotation",
    "the migration runbook",
    "the holdout design",
    "the weekly business review",
    "the retry budget",
    "the cost model",
    "the launch checklist",
    "the incident timeline",
    "the hiring plan",
    "the ingestion pipeline",
    "the fraud signals",
    "the raw customer contacts",
    "the dependency graph",
    "the error budget",
    "the pricing experiment",
    "the capacity forecast",
    "the feature flag rollout",
    "the success metric",
    "the escalation path",
    "the regional launch order",
    "the test matrix",
    "the vendor contract",
    "the data retention policy",
];

const TAILS: [&str; 16] = [
    "before anyone asked",
    "within a single quarter",
    "without a clear owner",
    "against a proper holdout",
    "and wrote down the trade-off",
    "but never named the cost",
    "with two teams pulling the other way",
    "after the second outage",
    "while the deadline held",
    "using data they gathered themselves",
    "and kept the customer in the room",
    "with a two-week rollback plan",
    "in front of a sceptical director",
    "on a budget that had already been cut",
    "while the old system stayed live",
    "and handed it over cleanly",
];

const ORGS: [&str; 5] = ["Their team", "The organisation", "The service", "The product", "The group"];

const PROBLEMS: [&str; 8] = [
    "been missing its latency target",
    "seen customer complaints rise",
    "lost two senior engineers",
    "doubled its cloud bill",
    "shipped three customer-facing incidents in a month",
    "stalled on the same launch twice",
    "no agreed definition of success",
    "inherited a system nobody understood",
];

const TIMEFRAMES: [&str; 5] = [
    "for two quarters",
    "since the last peak season",
    "after a reorganisation",
    "during the previous launch",
    "for most of the year",
];

const STANCES: [&str; 6] = [
    "I agree with",
    "I want to push back on",
    "I see it differently from",
    "I side with",
    "I partly agree with",
    "I'd build on what",
];

const ASPECTS: [&str; 9] = [
    "the metrics",
    "the scope",
    "the trade-off",
    "the ownership question",
    "the rollout",
    "the level",
    "the customer framing",
    "the rigour",
    "the follow-ups",
];

const CLAUSES: [&str; 12] = [
    "the evidence was thinner than the slide suggested",
    "an L6 should have seen that risk much earlier",
    "nobody else in the room would have caught it",
    "the mechanism outlived the project, which is rare",
    "the numbers came from a single week of traffic",
    "the follow-up answers were sharper than the story itself",
    "they credited the team without hiding their own role",
    "the cost landed on another team's budget",
    "the customer impact was stated but never measured",
    "the plan had no owner once they moved on",
    "they changed course as soon as the data disagreed",
    "the decision was reversible and they treated it that way",
];

const QUALITIES: [&str; 8] = [
    "exactly the judgment I look for",
    "a gap I would want probed again",
    "the strongest signal in the loop",
    "a pattern I have seen in strong hires",
    "not enough on its own",
    "a real bar-raising moment",
    "the part that worries me most",
    "what separates a good answer from a great one",
];

const LEVEL_PHRASES: [&str; 5] =
    ["at this level", "for a senior hire", "in a first-year manager", "for the role", "in this loop"];

const QUESTIONS: [&str; 7] = [
    "what they would do differently",
    "how confident they were in the result",
    "who else owned the decision",
    "what the failure mode was",
    "how they measured success",
    "what it cost the customer",
    "why they did not escalate sooner",
];

const RESPONSES: [&str; 7] = [
    "answered without hedging",
    "hesitated and then gave a candid answer",
    "went straight back to the data",
    "named a specific mistake and what it cost",
    "deflected to the team",
    "changed their estimate on the spot",
    "drew the system on the whiteboard from memory",
];

const PROMPTS: [&str; 8] = [
    "describe a time they disagreed with their manager and what happened next",
    "walk through a decision they made with incomplete data",
    "explain a project that failed and what they changed afterwards",
    "describe a time they went beyond their own team to fix a problem",
    "talk about a metric they chose to ignore, and why",
    "describe how they raised the bar on a team they joined",
    "explain a trade-off between speed and quality that they got wrong",
    "describe the most expensive mistake they have owned",
];

const REASONS: [&str; 10] = [
    "Went to the raw data before proposing anything.",
    "Owned the outcome beyond their own team's boundary.",
    "Named the trade-off and defended it with numbers.",
    "Built a mechanism rather than relying on good intentions.",
    "Changed course quickly once the evidence disagreed.",
    "Kept the customer at the centre of every decision.",
    "Simplified the system instead of adding another layer.",
    "Gave credit to the team while being precise about their own part.",
    "Handled pushback calmly and with specifics.",
    "Delivered on a hard deadline without cutting the safety net.",
];

const CONCERNS: [&str; 10] = [
    "The headline number was reported without any uncertainty.",
    "Left the cost to another team off the slide.",
    "Scope stayed inside their own organisation.",
    "Could not say how success would be measured after launch.",
    "Escalated late, after the deadline had already slipped.",
    "Relied on a single week of data for a permanent change.",
    "The rollback plan existed only in their head.",
    "Took credit for a decision the team made together.",
    "Answered the follow-ups with generalities.",
    "Treated the operational cost as someone else's problem.",
];

const FOLLOW_UPS: [&str; 8] = [
    "What would you have done with half the time?",
    "Which of your numbers would you defend in front of finance?",
    "Who disagreed with you, and what did you learn from them?",
    "What did you decide *not* to build, and why?",
    "How would you know, a year later, that this was the right call?",
    "What would the customer say about this change?",
    "Which part of the plan would you hand to a new hire first?",
    "What broke that you did not expect?",
];

/// The interview questions asked, a pool so that each is answered many times (the
/// question pages and calibration guides compare the answers).
const ASKED: [&str; 24] = [
    "Tell me about a time you dug into a metric that did not match what customers said.",
    "Tell me about a time you took on something no one owned.",
    "Describe a decision you made with incomplete data.",
    "Tell me about a time you disagreed with your manager and committed anyway.",
    "Tell me about the hardest bug you have tracked down.",
    "Describe a time you simplified a process others took for granted.",
    "Tell me about a goal you missed, and what you did next.",
    "Tell me about a time you raised the bar for your team's hiring.",
    "Describe a time you had to earn the trust of a skeptical partner team.",
    "Tell me about a time you cut scope to ship on time.",
    "Tell me about a time you invented something out of a constraint.",
    "Describe the most frugal solution you have shipped.",
    "Tell me about a time you learned a domain quickly to unblock a project.",
    "Tell me about a time you delivered under a deadline you thought was wrong.",
    "Describe a long-term bet you made that cost something in the short term.",
    "Tell me about a time you developed someone on your team.",
    "Tell me about a time you were wrong, and how you found out.",
    "Describe a time you pushed back on a customer request.",
    "Tell me about an incident you led from page to postmortem.",
    "Describe a migration you planned and ran.",
    "Tell me about a time you reduced a service's operating cost.",
    "Tell me about a time you changed a team's mind with data.",
    "Describe a time you had to say no to a senior leader.",
    "Tell me about a time you made a call others thought was too risky.",
];

/// Tags an interview may carry (0 to 2 of them).
const TAGS: [&str; 16] = [
    "incident",
    "migration",
    "cost",
    "latency",
    "on-call",
    "mentoring",
    "security",
    "data-quality",
    "escalation",
    "launch",
    "deprecation",
    "cross-team",
    "estimation",
    "testing",
    "observability",
    "hiring-loop",
];

/// Candidates, for the interviews that name one.
const CANDIDATES: [&str; 12] = [
    "Jordan Ellis",
    "Mina Haddad",
    "Oskar Lindqvist",
    "Ama Owusu",
    "Ravi Menon",
    "Lucía Ferrer",
    "Hannah Weiss",
    "Kenji Sato",
    "Zanele Dube",
    "Marek Kowalczyk",
    "Chloé Martin",
    "Tariq Aziz",
];

/// One panelist of one interview.
#[derive(Debug, Clone)]
pub struct Panelist {
    pub name: &'static str,
    pub role: &'static str,
    pub hire_reason: &'static str,
    pub concern: &'static str,
    /// The panelist's own call (a `VERDICTS` key).
    pub vote: &'static str,
}

/// One generated interview.
#[derive(Debug, Clone)]
pub struct Interview {
    pub slug: String,
    pub title: String,
    /// `yyyy-mm-dd`.
    pub date: String,
    pub year: u32,
    pub principles: Vec<&'static str>,
    pub role: &'static str,
    pub level: &'static str,
    pub company: &'static str,
    pub verdict: &'static str,
    pub video: String,
    pub summary: String,
    /// The question asked, for most interviews.
    pub question: Option<&'static str>,
    pub candidate: Option<&'static str>,
    pub tags: Vec<&'static str>,
    pub panelists: Vec<Panelist>,
    /// The Markdown body (identical in both trees).
    pub body: String,
}

/// A small, fast, deterministic PRNG (SplitMix64 seeding an xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 1 } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }
}

/// The slug rules of DESIGN.md §4, for the ASCII and Latin-1 text this generator writes.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ö' | 'ô' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            other => other,
        };
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

fn first_name(full: &str) -> &str {
    full.split(' ').next().unwrap_or(full)
}

/// Generates interview `i` of the corpus with seed `seed` (independent of the count).
pub fn interview(i: usize, seed: u64) -> Interview {
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));

    let (role, actor) = r.pick(&ROLES);
    let topic = r.pick(&TOPICS);
    let title = format!("{}: {} {} {}", r.pick(&HOOKS), cap(actor), r.pick(&VERBS_TITLE), topic);
    let slug = format!("{}-{:05}", slugify(topic), i + 1);
    let year = 2019 + r.range(0, 7) as u32;
    let date = format!("{year}-{:02}-{:02}", r.range(1, 12), r.range(1, 28));

    let n_principles = [1, 1, 1, 2, 2, 3][r.range(0, 5)];
    let mut principles: Vec<&'static str> = Vec::new();
    while principles.len() < n_principles {
        let p = r.pick(&PRINCIPLES).0;
        if !principles.contains(&p) {
            principles.push(p);
        }
    }

    let n_panel = r.range(3, 5);
    let mut panelists: Vec<Panelist> = Vec::new();
    while panelists.len() < n_panel {
        let (name, prole) = r.pick(&POOL);
        if panelists.iter().any(|p| p.name == name) {
            continue;
        }
        let hire_reason = if r.chance(15) { "None stated" } else { r.pick(&REASONS) };
        let concern = if r.chance(15) { "None stated" } else { r.pick(&CONCERNS) };
        panelists.push(Panelist { name, role: prole, hire_reason, concern, vote: "" });
    }

    let verdict = r.pick(&VERDICTS);
    let summary = format!(
        "{} {} {} {}, and the panel lands on {}.",
        cap(actor),
        r.pick(&VERBS),
        r.pick(&OBJECTS),
        r.pick(&TAILS),
        verdict.1.to_lowercase()
    );

    let body = body_head(&mut r, &panelists, topic);

    let mut iv = Interview {
        slug,
        title,
        date,
        year,
        principles,
        role,
        level: r.pick(&LEVELS),
        company: r.pick(&COMPANIES),
        verdict: verdict.0,
        video: format!("https://example.com/watch/{}", 10_000 + i),
        summary,
        question: None,
        candidate: None,
        tags: Vec::new(),
        panelists,
        body,
    };
    calibration_fields(&mut iv, i, seed);
    let page_len = roundtable_page(&iv).len();
    body_tail(&mut r, &mut iv.body, page_len, verdict.1);
    iv
}

/// The votes, question, candidate and tags, from a random stream of their own so that
/// every other field stays as it was before they existed. Votes lean to the verdict;
/// a few panelists of the pool call harsher or more lenient than their panels, so that
/// reviewer calibration has something to show.
fn calibration_fields(iv: &mut Interview, i: usize, seed: u64) {
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25) ^ 0x5EED_CA1B);
    let verdict = VERDICTS.iter().position(|v| v.0 == iv.verdict).unwrap_or(0) as i64;
    for p in &mut iv.panelists {
        let pool = POOL.iter().position(|q| q.0 == p.name).unwrap_or(0);
        let bias = match pool % 10 {
            0 => 1,  // harsher: towards "strong no hire"
            5 => -1, // more lenient
            _ => 0,
        };
        let spread = [0, 0, 0, 0, 0, 1, -1, 1, -1, 2][r.range(0, 9)];
        let call = (verdict + bias + spread).clamp(0, VERDICTS.len() as i64 - 1);
        p.vote = VERDICTS[call as usize].0;
    }
    iv.question = r.chance(90).then(|| r.pick(&ASKED));
    iv.candidate = r.chance(30).then(|| r.pick(&CANDIDATES));
    for _ in 0..r.range(0, 2) {
        let tag = r.pick(&TAGS);
        if !iv.tags.contains(&tag) {
            iv.tags.push(tag);
        }
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whose voice a paragraph is in.
#[derive(Clone, Copy, PartialEq)]
enum Voice {
    /// The introduction: neutral context.
    Intro,
    /// A panelist's turn: first person, may address the others by first name.
    Turn,
    /// The consensus: the panel as a whole.
    Panel,
}

fn story(r: &mut Rng) -> String {
    let mut obj = r.pick(&OBJECTS).to_string();
    if r.chance(8) {
        obj = format!("**{obj}**");
    } else if r.chance(4) {
        obj = format!("*{obj}*");
    }
    format!("{} {} {} {}.", r.pick(&SUBJECTS), r.pick(&VERBS), obj, r.pick(&TAILS))
}

/// One sentence of review prose.
fn sentence(r: &mut Rng, voice: Voice, others: &[&str]) -> String {
    match voice {
        Voice::Intro => match r.range(0, 3) {
            0 | 1 => format!("{} had {} {}.", r.pick(&ORGS), r.pick(&PROBLEMS), r.pick(&TIMEFRAMES)),
            _ => format!("In the story, {}", lower_first(&story(r))),
        },
        Voice::Turn => match r.range(0, 11) {
            0..=3 => story(r),
            4 | 5 if !others.is_empty() => {
                let stance = r.pick(&STANCES);
                let who = r.pick(others);
                let said = if stance.ends_with("what") { " said about" } else { " on" };
                format!("{stance} {who}{said} {}, but {}.", r.pick(&ASPECTS), r.pick(&CLAUSES))
            }
            6 | 7 => format!("That is {} {}.", r.pick(&QUALITIES), r.pick(&LEVEL_PHRASES)),
            8 | 9 => format!("When I asked {}, they {}.", r.pick(&QUESTIONS), r.pick(&RESPONSES)),
            _ => format!("What stood out to me is that {}.", r.pick(&CLAUSES)),
        },
        Voice::Panel => match r.range(0, 4) {
            0 => format!("The panel agreed that {}.", r.pick(&CLAUSES)),
            1 => format!("What held the panel back is that {}.", r.pick(&CLAUSES)),
            2 => story(r),
            3 => format!("Another interview in the loop should test {}.", r.pick(&ASPECTS)),
            _ => format!("Several panelists noted that {}.", r.pick(&CLAUSES)),
        },
    }
}

fn lower_first(s: &str) -> String {
    if s.starts_with("They ") || s.starts_with("The ") || s.starts_with("Their ") {
        let mut c = s.chars();
        c.next().map(|f| f.to_ascii_lowercase()).into_iter().chain(c).collect()
    } else {
        s.to_string()
    }
}

/// Sentences until about `words` words, in one paragraph or, sometimes, two.
fn prose(r: &mut Rng, voice: Voice, words: usize, others: &[&str]) -> String {
    let mut paras = vec![String::new()];
    let split = if words > 50 && r.chance(35) { words * 3 / 5 } else { usize::MAX };
    let mut n = 0;
    while n + 5 < words {
        let s = sentence(r, voice, others);
        n += s.split(' ').count();
        let p = paras.last_mut().expect("one paragraph");
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&s);
        if n >= split && paras.len() == 1 {
            paras.push(String::new());
        }
    }
    paras.retain(|p| !p.is_empty());
    paras.join("\n\n")
}

/// The body up to and including the roundtable.
fn body_head(r: &mut Rng, panel: &[Panelist], topic: &str) -> String {
    let mut b = String::with_capacity(8 * 1024);
    let _ = write!(
        b,
        "The candidate was asked to {}. They chose their work on {}. ",
        r.pick(&PROMPTS),
        topic.to_lowercase()
    );
    let w = r.range(25, 45);
    b.push_str(&prose(r, Voice::Intro, w, &[]));
    b.push_str("\n\n## Roundtable\n");

    let n_turns = r.range(8, 14);
    for t in 0..n_turns {
        // Everyone speaks once first, then anyone may take another turn.
        let speaker = if t < panel.len() { &panel[t] } else { &panel[r.range(0, panel.len() - 1)] };
        let others: Vec<&str> =
            panel.iter().filter(|p| p.name != speaker.name).map(|p| first_name(p.name)).collect();
        let _ = write!(b, "\n### {}\n\n", speaker.name);
        let w = r.range(50, 70);
        b.push_str(&prose(r, Voice::Turn, w, &others));
        b.push('\n');
    }
    b
}

/// Appends the consensus (and sometimes follow-up questions), sized so that the whole
/// page of `page_len` bytes so far lands between 5 and 8 KiB.
fn body_tail(r: &mut Rng, b: &mut String, page_len: usize, verdict_label: &str) {
    let target = r.range(5_400, 7_600);
    let words = (target.saturating_sub(page_len) / 7).clamp(40, 320);
    let _ = write!(b, "\n## Consensus\n\n**{verdict_label}.** ");
    b.push_str(&prose(r, Voice::Panel, words, &[]));
    b.push('\n');

    if page_len + words * 7 + 300 < 8_000 && r.chance(50) {
        b.push_str("\n## Follow-up questions\n\n");
        let n = r.range(2, 4);
        let start = r.range(0, FOLLOW_UPS.len() - 1);
        for k in 0..n {
            let _ = writeln!(b, "- {}", FOLLOW_UPS[(start + k) % FOLLOW_UPS.len()]);
        }
    }
}

/// A TOML basic string.
pub fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04X}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn list(items: &[&str]) -> String {
    let parts: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The Roundtable `index.md` of one interview.
pub fn roundtable_page(iv: &Interview) -> String {
    let mut s = String::with_capacity(iv.body.len() + 2048);
    s.push_str("+++\n");
    let _ = writeln!(s, "title = {}", q(&iv.title));
    let _ = writeln!(s, "date = {}", iv.date);
    let _ = writeln!(s, "principles = {}", list(&iv.principles));
    let _ = writeln!(s, "role = {}", q(iv.role));
    let _ = writeln!(s, "level = {}", q(iv.level));
    let _ = writeln!(s, "company = {}", q(iv.company));
    let _ = writeln!(s, "verdict = {}", q(iv.verdict));
    let _ = writeln!(s, "video = {}", q(&iv.video));
    let _ = writeln!(s, "summary = {}", q(&iv.summary));
    if let Some(question) = iv.question {
        let _ = writeln!(s, "question = {}", q(question));
    }
    if let Some(candidate) = iv.candidate {
        let _ = writeln!(s, "candidate = {}", q(candidate));
    }
    if !iv.tags.is_empty() {
        let _ = writeln!(s, "tags = {}", list(&iv.tags));
    }
    finish_page(s, iv, "panelists")
}

/// The Hugo `index.md` of one interview: taxonomies as term lists, the rest as params.
pub fn hugo_page(iv: &Interview) -> String {
    let names: Vec<&str> = iv.panelists.iter().map(|p| p.name).collect();
    let mut s = String::with_capacity(iv.body.len() + 2048);
    s.push_str("+++\n");
    let _ = writeln!(s, "title = {}", q(&iv.title));
    let _ = writeln!(s, "date = {}", iv.date);
    let _ = writeln!(s, "summary = {}", q(&iv.summary));
    let _ = writeln!(s, "principles = {}", list(&iv.principles));
    let _ = writeln!(s, "panelists = {}", list(&names));
    let _ = writeln!(s, "roles = {}", list(&[iv.role]));
    let _ = writeln!(s, "levels = {}", list(&[iv.level]));
    if !iv.tags.is_empty() {
        let _ = writeln!(s, "tags = {}", list(&iv.tags));
    }
    s.push_str("\n[params]\n");
    if let Some(question) = iv.question {
        let _ = writeln!(s, "question = {}", q(question));
    }
    if let Some(candidate) = iv.candidate {
        let _ = writeln!(s, "candidate = {}", q(candidate));
    }
    let _ = writeln!(s, "company = {}", q(iv.company));
    let _ = writeln!(s, "verdict = {}", q(iv.verdict));
    let _ = writeln!(s, "video = {}", q(&iv.video));
    finish_page(s, iv, "params.panel")
}

/// Appends the panel as `[[table]]` entries, closes the front matter and adds the
/// body: the same in both trees but for the table's name.
fn finish_page(mut s: String, iv: &Interview, table: &str) -> String {
    for p in &iv.panelists {
        let _ = write!(
            s,
            "\n[[{table}]]\nname = {}\nrole = {}\nvote = {}\nhire_reason = {}\nconcern = {}\n",
            q(p.name),
            q(p.role),
            q(p.vote),
            q(p.hire_reason),
            q(p.concern)
        );
    }
    s.push_str("+++\n\n");
    s.push_str(&iv.body);
    s
}

/// What [`write_corpus`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub interviews: usize,
    /// Bytes of `index.md` in the Roundtable tree.
    pub markdown_bytes: u64,
    pub min_page: usize,
    pub max_page: usize,
}

/// Writes `out/roundtable/` and `out/hugo/` for interviews `0..count`. Both trees are
/// removed first, so the result depends only on `count` and `seed`.
pub fn write_corpus(out: &Path, count: usize, seed: u64) -> io::Result<Written> {
    let rt = out.join("roundtable");
    let hu = out.join("hugo");
    for d in [&rt, &hu] {
        if d.exists() {
            fs::remove_dir_all(d)?;
        }
    }
    fs::create_dir_all(rt.join("content"))?;
    fs::create_dir_all(hu.join("content/interviews"))?;
    fs::write(
        rt.join("site.toml"),
        format!(
            "title = {}\nbase_url = {}\ndescription = {}\n",
            q(SITE_TITLE),
            q(BASE_URL),
            q("Synthetic interview reviews for benchmarking.")
        ),
    )?;
    write_hugo_skeleton(&hu)?;

    let mut w = Written { min_page: usize::MAX, ..Written::default() };
    for i in 0..count {
        let iv = interview(i, seed);
        let page = roundtable_page(&iv);
        let dir = rt.join("content").join(iv.year.to_string()).join(&iv.slug);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("index.md"), &page)?;
        w.interviews += 1;
        w.markdown_bytes += page.len() as u64;
        w.min_page = w.min_page.min(page.len());
        w.max_page = w.max_page.max(page.len());

        let dir = hu.join("content/interviews").join(&iv.slug);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("index.md"), hugo_page(&iv))?;
    }
    if count == 0 {
        w.min_page = 0;
    }
    Ok(w)
}

fn write_hugo_skeleton(hu: &Path) -> io::Result<()> {
    let files: [(&str, String); 14] = [
        ("hugo.toml", hugo_config()),
        ("data/principles.toml", hugo_principles_data()),
        ("data/verdicts.toml", hugo_verdicts_data()),
        ("static/style.css", HUGO_CSS.to_string()),
        ("layouts/baseof.html", HUGO_BASEOF.to_string()),
        ("layouts/page.html", HUGO_SINGLE.to_string()),
        ("layouts/list.html", HUGO_LIST.to_string()),
        ("layouts/taxonomy.html", HUGO_TAXONOMY.to_string()),
        ("layouts/term.html", HUGO_TERM.to_string()),
        ("layouts/home.html", HUGO_INDEX.to_string()),
        ("layouts/404.html", HUGO_404.to_string()),
        ("layouts/_partials/card.html", HUGO_CARD.to_string()),
        ("layouts/_partials/verdict_mix.html", HUGO_VERDICT_MIX.to_string()),
        ("layouts/_partials/avatar.html", HUGO_AVATAR.to_string()),
    ];
    for (path, text) in files {
        let p = hu.join(path);
        fs::create_dir_all(p.parent().expect("a parent"))?;
        fs::write(p, text)?;
    }
    Ok(())
}

fn hugo_config() -> String {
    format!(
        r#"baseURL = {}
title = {}
enableRobotsTXT = true
# Roundtable publishes every interview whatever its date.
buildFuture = true
removePathAccents = true
# Term titles as written ("Are Right, A Lot"), not title-cased.
capitalizeListTitles = false
disableKinds = ["section"]
# Pretty URLs like Roundtable's: /interviews/<slug>/, /principles/<slug>/ ...
uglyURLs = false

[params]
description = "Synthetic interview reviews for benchmarking."
# Related interviews on every page (Hugo's .Related); HUGO_PARAMS_RELATED=false turns them off.
related = true

[taxonomies]
principle = "principles"
panelist = "panelists"
role = "roles"
level = "levels"
tag = "tags"

# One feed for the site, like Roundtable's atom.xml; HTML only elsewhere.
[outputs]
home = ["html", "rss"]
page = ["html"]
taxonomy = ["html"]
term = ["html"]

[services.rss]
limit = 50

# Related interviews: most shared principles first, then the same role.
[related]
threshold = 1
includeNewer = true
toLower = false
[[related.indices]]
name = "principles"
weight = 100
[[related.indices]]
name = "roles"
weight = 10

[markup.goldmark.renderer]
unsafe = true
"#,
        q(&format!("{BASE_URL}/")),
        q(SITE_TITLE)
    )
}

fn hugo_principles_data() -> String {
    let mut s = String::new();
    for (name, desc) in PRINCIPLES {
        let _ = writeln!(s, "[{}]\nname = {}\ndescription = {}\n", slugify(name), q(name), q(desc));
    }
    s
}

fn hugo_verdicts_data() -> String {
    let mut s = String::new();
    for (i, (key, label)) in VERDICTS.iter().enumerate() {
        let _ = writeln!(s, "[[list]]\nkey = {}\nlabel = {}\npositive = {}\n", q(key), q(label), i < 3);
    }
    s
}

const HUGO_CSS: &str = "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5}\n\
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}\n\
.card-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;list-style:none;padding:0}\n\
.card{border:1px solid #ddd;border-radius:.5rem;padding:1rem}\n\
.avatar{display:inline-grid;place-items:center;border-radius:50%;width:2.5rem;height:2.5rem;background:hsl(var(--hue) 60% 80%)}\n\
.vbar{display:flex;height:.75rem}.vbar__seg{display:block}\n";

const HUGO_BASEOF: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:site_name" content="{{ site.Title }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="page-{{ .Kind }}">
<header class="site-header"><div class="wrap">
  <a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
  <nav><ul>
    <li><a href="{{ "principles/" | relURL }}">Principles</a></li>
    <li><a href="{{ "panelists/" | relURL }}">Panelists</a></li>
  </ul></nav>
</div></header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p><a href="{{ "" | relURL }}">{{ site.Title }}</a> — {{ site.Params.description }}</p></div></footer>
</body>
</html>
"#;

const HUGO_AVATAR: &str = r#"{{- $name := .name -}}
{{- $initials := "" -}}
{{- range first 2 (split $name " ") }}{{ $initials = printf "%s%s" $initials (substr . 0 1) }}{{ end -}}
<span class="avatar avatar--{{ .size }}" style="--hue: {{ mod (hash.FNV32a $name) 360 }}" aria-hidden="true">{{ $initials | upper }}</span>
"#;

const HUGO_VERDICT_MIX: &str = r#"{{- $pages := . -}}
{{- $total := len $pages -}}
<div class="vmix">
  <div class="vbar" role="img">
  {{- range hugo.Data.verdicts.list }}
    {{- $n := len (where $pages "Params.verdict" .key) -}}
    {{- if gt $n 0 }}<span class="vbar__seg v-{{ .key }}" style="width: {{ div (mul $n 100) $total }}%" title="{{ .label }}: {{ $n }}"></span>{{ end -}}
  {{- end }}
  </div>
  <ul class="vlegend">
  {{- range hugo.Data.verdicts.list }}
    {{- $n := len (where $pages "Params.verdict" .key) }}
    <li class="v-{{ .key }}{{ if eq $n 0 }} is-zero{{ end }}">{{ .label }} <span class="vlegend__count">{{ $n }}{{ if gt $n 0 }} · {{ div (mul $n 100) $total }}%{{ end }}</span></li>
  {{- end }}
  </ul>
</div>
"#;

const HUGO_CARD: &str = r#"{{- $v := index (where hugo.Data.verdicts.list "key" .Params.verdict) 0 -}}
<article class="card">
  <div class="card__top">
    <span class="verdict v-{{ $v.key }}">{{ $v.label }}</span>
    <time class="card__date" datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 Jan 2006" }}</time>
  </div>
  <h3 class="card__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="card__meta">
    {{- range .GetTerms "roles" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end -}}
    {{- range .GetTerms "levels" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end -}}
    {{- with .Params.company }} · <span>{{ . }}</span>{{ end -}}
  </p>
  {{ with .Params.summary }}<p class="card__summary">{{ . }}</p>{{ end }}
  <div class="card__foot">
    <ul class="chips">{{ range .GetTerms "principles" }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
    <span class="card__panel">{{ len .Params.panel }} panelists</span>
  </div>
</article>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
{{- $v := index (where hugo.Data.verdicts.list "key" .Params.verdict) 0 -}}
{{- $panel := .Params.panel -}}
<article class="interview">
  <header class="interview-header"><div class="wrap">
    <ul class="principle-badges">{{ range .GetTerms "principles" }}<li><a class="principle-badge" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
    <h1>{{ .Title }}</h1>
    <p class="interview-meta">
      <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 Jan 2006" }}</time>
      {{- range .GetTerms "roles" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end -}}
      {{- range .GetTerms "levels" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end -}}
      {{- with .Params.company }} · <span>{{ . }}</span>{{ end }}
    </p>
    <p><span class="verdict v-{{ $v.key }}">Panel verdict: {{ $v.label }}</span>
    {{ with .Params.video }}<a class="button" href="{{ . }}" rel="external noopener">Watch the full interview</a>{{ end }}</p>
    {{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
    {{ with .Params.question }}<p class="question">{{ . }}</p>{{ end }}
    {{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
  </div></header>
  <div class="wrap interview-layout">
    <nav class="toc">{{ .TableOfContents }}</nav>
    <div class="interview-body">
      <section class="block">
        <h2 id="panel">{{ len $panel }} experts discuss this interview</h2>
        <ul class="panel">
        {{- range $panel }}
          <li class="panel__member">{{ partial "avatar.html" (dict "name" .name "size" "lg") }}
            <a class="panel__name" href="{{ printf "panelists/%s/" (urlize .name) | relURL }}">{{ .name }}</a><span class="panel__role">{{ .role }}</span></li>
        {{- end }}
        </ul>
      </section>
      <section class="block prose roundtable">
        {{ .Content }}
      </section>
      <section class="block">
        <h2 id="signals">Hiring signals</h2>
        <ul class="signal-cards">
        {{- range $panel }}
          <li><article class="signal-card" style="--hue: {{ mod (hash.FNV32a .name) 360 }}">
            <header>{{ partial "avatar.html" (dict "name" .name "size" "md") }}
              <h3><a href="{{ printf "panelists/%s/" (urlize .name) | relURL }}">{{ .name }}</a></h3><p>{{ .role }}</p>
              {{- with .vote }}{{ $vote := index (where hugo.Data.verdicts.list "key" .) 0 }}<p class="vote v-{{ . }}">Vote: {{ $vote.label }}</p>{{ end }}</header>
            <dl class="signals">
              <div class="signal signal--hire"><dt>Reason to hire</dt><dd>{{ if and .hire_reason (ne .hire_reason "None stated") }}{{ .hire_reason }}{{ else }}<span class="none-stated">None stated</span>{{ end }}</dd></div>
              <div class="signal signal--concern"><dt>Concern</dt><dd>{{ if and .concern (ne .concern "None stated") }}{{ .concern }}{{ else }}<span class="none-stated">None stated</span>{{ end }}</dd></div>
            </dl>
          </article></li>
        {{- end }}
        </ul>
      </section>
    </div>
  </div>
  <footer class="interview-after"><div class="wrap">
    {{- /* HUGO_PARAMS_RELATED=false skips related interviews, to measure their cost. */}}
    {{- $related := slice }}
    {{- if ne (string site.Params.related) "false" }}{{ $related = first 5 (site.RegularPages.Related .) }}{{ end }}
    {{- with $related }}
    <section class="related"><h2 id="related">Related interviews</h2>
      <ul class="card-grid">{{ range . }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
    </section>
    {{- end }}
    <nav class="pager">
      {{ with .Next }}<a class="pager__link" href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
      {{ with .Prev }}<a class="pager__link" href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}
    </nav>
  </div></footer>
</article>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
<div class="wrap">
  <h1>{{ .Title }}</h1>
  <ul class="card-grid">{{ range .Pages }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
</div>
{{ end }}
"#;

const HUGO_TAXONOMY: &str = r#"{{ define "main" }}
<div class="wrap">
  <h1>{{ .Title }}</h1>
  <ul class="term-list">
  {{- range .Data.Terms.ByCount }}
    <li><a href="{{ .Page.RelPermalink }}"><span class="term-list__name">{{ .Page.LinkTitle }}</span> <span class="term-list__count">{{ .Count }}</span></a>
    {{- if eq $.Data.Plural "principles" }}{{ with index hugo.Data.principles (urlize .Page.Title) }} <span>{{ .description }}</span>{{ end }}{{ end }}</li>
  {{- end }}
  </ul>
</div>
{{ end }}
"#;

const HUGO_TERM: &str = r#"{{ define "main" }}
{{- $pages := .Pages -}}
{{- $plural := .Data.Plural -}}
{{- $slug := path.Base .RelPermalink -}}
<div class="wrap">
  <header class="page-header">
    <p class="kicker"><a href="{{ printf "%s/" $plural | relURL }}">{{ .Data.Singular | humanize }}</a></p>
    <h1>{{ .Title }}</h1>
    {{- if eq $plural "principles" }}{{ with index hugo.Data.principles $slug }}<p class="lead">{{ .description }}</p>{{ end }}{{ end }}
    <p class="count-pill">{{ len $pages }} interviews</p>
    <section class="summary-panel"><h2>Verdict mix</h2>{{ partial "verdict_mix.html" $pages }}</section>
  </header>
  <section class="block">
    <h2 id="interviews">Interviews</h2>
    {{- if eq $plural "panelists" }}
    <ol class="appearances">
    {{- range $pages }}
      {{- $me := dict -}}
      {{- range .Params.panel }}{{ if eq (urlize .name) $slug }}{{ $me = . }}{{ end }}{{ end }}
      <li><article class="appearance">
        {{ partial "card.html" . }}
        <p class="appearance__as">As <strong>{{ $me.role }}</strong></p>
        <dl class="signals">
          <div><dt>Reason to hire</dt><dd>{{ $me.hire_reason }}</dd></div>
          <div><dt>Concern</dt><dd>{{ $me.concern }}</dd></div>
        </dl>
      </article></li>
    {{- end }}
    </ol>
    {{- else }}
    <ul class="card-grid">{{ range $pages }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
    {{- end }}
  </section>
</div>
{{ end }}
"#;

const HUGO_INDEX: &str = r#"{{ define "main" }}
{{- $all := site.RegularPages -}}
<section class="hero"><div class="wrap">
  <h1>{{ site.Title }}</h1>
  <ul class="stats">
    <li>{{ len $all }} interviews</li>
    <li>{{ len site.Taxonomies.principles }} principles</li>
    <li>{{ len site.Taxonomies.panelists }} panelists</li>
  </ul>
  <section class="hero__panel"><h2>Verdict mix</h2>{{ partial "verdict_mix.html" $all }}</section>
</div></section>
<div class="wrap">
  <section class="block"><h2>Browse by principle</h2>
    <ul class="principle-grid">
    {{- range site.Taxonomies.principles.Alphabetical }}
      <li><a class="principle-tile" href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}
        {{- with index hugo.Data.principles (urlize .Page.Title) }} <span>{{ .description }}</span>{{ end }}
        <span class="principle-tile__count">{{ .Count }} interviews</span></a></li>
    {{- end }}
    </ul>
  </section>
  <section class="block"><h2>Latest interviews</h2>
    <ul class="card-grid">{{ range first 12 $all.ByDate.Reverse }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
  </section>
  <section class="block"><h2>Principles × verdicts</h2>
    <table class="matrix"><thead><tr><th>Principle</th>{{ range hugo.Data.verdicts.list }}<th>{{ .label }}</th>{{ end }}<th>Total</th></tr></thead><tbody>
    {{- range site.Taxonomies.principles.Alphabetical }}
      {{- $pages := .Pages }}
      <tr><th><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a></th>
      {{- range hugo.Data.verdicts.list }}<td>{{ len (where $pages "Params.verdict" .key) }}</td>{{ end }}<td>{{ len $pages }}</td></tr>
    {{- end }}
    </tbody></table>
  </section>
  <div class="term-columns">
    <section class="block"><h2>Roles</h2><ul class="term-list">{{ range site.Taxonomies.roles.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }} {{ .Count }}</a></li>{{ end }}</ul></section>
    <section class="block"><h2>Levels</h2><ul class="term-list">{{ range site.Taxonomies.levels.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }} {{ .Count }}</a></li>{{ end }}</ul></section>
  </div>
</div>
{{ end }}
"#;

const HUGO_404: &str = r#"{{ define "main" }}<div class="wrap"><h1>Page not found</h1><p><a href="{{ "" | relURL }}">Home</a></p></div>{{ end }}
"#;
