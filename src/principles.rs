//! The built-in principle catalogue: the 16 Amazon leadership principles, each with
//! a one-line description in our own words. Used when `site.toml` declares none.

/// `(name, description)` for every built-in principle, in the customary order.
pub const BUILTIN: [(&str, &str); 16] = [
    (
        "Customer Obsession",
        "Start from the customer and work backwards; earn and keep their trust before watching competitors.",
    ),
    (
        "Ownership",
        "Think long term, act for the whole company, and never say \"that's not my job\".",
    ),
    (
        "Invent and Simplify",
        "Look for new ideas everywhere, make things simpler, and accept being misunderstood for a while.",
    ),
    (
        "Are Right, A Lot",
        "Good judgment and sound instincts, sharpened by seeking views that challenge your own.",
    ),
    (
        "Learn and Be Curious",
        "Keep learning, stay curious about new possibilities and go and explore them.",
    ),
    (
        "Hire and Develop the Best",
        "Raise the bar with every hire and promotion, and take coaching others seriously.",
    ),
    (
        "Insist on the Highest Standards",
        "Keep raising the bar so that defects are fixed at the root and do not travel downstream.",
    ),
    (
        "Think Big",
        "Set a bold direction that inspires results, and look around corners for ways to serve customers.",
    ),
    (
        "Bias for Action",
        "Speed matters: many decisions can be reversed, so take calculated risks instead of waiting.",
    ),
    (
        "Frugality",
        "Do more with less; constraints breed resourcefulness, self-sufficiency and invention.",
    ),
    (
        "Earn Trust",
        "Listen attentively, speak candidly, treat others respectfully and admit your own mistakes.",
    ),
    (
        "Dive Deep",
        "Work at every level, stay close to the details, audit often, and question metrics that disagree with anecdotes.",
    ),
    (
        "Have Backbone; Disagree and Commit",
        "Challenge decisions you disagree with, even when it is uncomfortable, then commit fully once decided.",
    ),
    (
        "Deliver Results",
        "Focus on the inputs that matter and deliver them with quality and on time, despite setbacks.",
    ),
    (
        "Strive to be Earth's Best Employer",
        "Build a safer, more productive, more diverse and more just place to work, and lead with empathy.",
    ),
    (
        "Success and Scale Bring Broad Responsibility",
        "Be humble about your impact on the world and leave things better than you found them.",
    ),
];

#[cfg(test)]
mod tests {
    use super::BUILTIN;
    use crate::slug::slugify;
    use std::collections::HashSet;

    #[test]
    fn sixteen_unique_slugs() {
        let slugs: HashSet<String> = BUILTIN.iter().map(|(n, _)| slugify(n)).collect();
        assert_eq!(slugs.len(), 16);
        assert!(slugs.contains("have-backbone-disagree-and-commit"));
        assert!(slugs.contains("strive-to-be-earths-best-employer"));
    }
}
