//! The study notes: Markdown headings as anchors, GitHub-style slugs, ref resolution and the text of
//! a section. Headings are read with pulldown-cmark so code blocks and setext headings are handled.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// One Markdown heading of the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    pub title: String,
    pub slug: String,
    /// Slugs from the top-level ancestor down to this heading, joined with `/`.
    pub path: String,
    pub parent: Option<usize>,
    /// Byte offset of the heading line in the source.
    pub start: usize,
    /// Byte offset where this heading's content ends (next heading of the same or a higher level).
    pub end: usize,
    /// 1-based line of the heading.
    pub line: usize,
}

/// Why a ref did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    NotFound,
    /// The full paths it could mean.
    Ambiguous(Vec<String>),
}

/// Parsed notes: the source and its headings in document order.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub source: String,
    pub headings: Vec<Heading>,
    /// Level at which headings count as sections (see [`Notes::section_level`]).
    section_level: Option<u8>,
    by_slug: HashMap<String, Vec<usize>>,
}

/// GitHub's anchor for a heading: lowercase; keep letters, digits, spaces, hyphens and underscores;
/// each space becomes a hyphen.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        if c == ' ' {
            slug.push('-');
        } else if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.push(c);
        }
    }
    slug
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

impl Notes {
    pub fn parse(source: String) -> Notes {
        let mut headings: Vec<Heading> = Vec::new();
        let mut current: Option<(u8, usize, String)> = None;
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for (event, range) in Parser::new(&source).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    current = Some((level_number(level), range.start, String::new()));
                }
                Event::Text(text) | Event::Code(text) => {
                    if let Some((_, _, title)) = current.as_mut() {
                        title.push_str(&text);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, start, title)) = current.take() {
                        let title = title.trim().to_string();
                        let line = line_starts.partition_point(|&s| s <= start);
                        headings.push(Heading {
                            level,
                            slug: slugify(&title),
                            title,
                            path: String::new(),
                            parent: None,
                            start,
                            end: source.len(),
                            line,
                        });
                    }
                }
                _ => {}
            }
        }
        // Parents, paths and ends from a stack of open headings.
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..headings.len() {
            let level = headings[i].level;
            while let Some(&top) = stack.last() {
                if headings[top].level >= level {
                    headings[top].end = headings[i].start;
                    stack.pop();
                } else {
                    break;
                }
            }
            let parent = stack.last().copied();
            headings[i].parent = parent;
            headings[i].path = match parent {
                Some(p) => format!("{}/{}", headings[p].path, headings[i].slug),
                None => headings[i].slug.clone(),
            };
            stack.push(i);
        }
        let mut by_slug: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, h) in headings.iter().enumerate() {
            by_slug.entry(h.slug.clone()).or_default().push(i);
        }
        let mut counts = [0usize; 7];
        for h in &headings {
            counts[h.level as usize] += 1;
        }
        let section_level = (1..=6u8).find(|&l| counts[l as usize] > 1);
        Notes {
            source,
            headings,
            section_level,
            by_slug,
        }
    }

    /// The highest heading level that occurs more than once (so a lone `# Title` is not a section).
    pub fn section_level(&self) -> Option<u8> {
        self.section_level
    }

    /// Resolve a `/`-separated ref: any trailing part of a heading's full path that matches exactly one
    /// heading.
    pub fn resolve(&self, reference: &str) -> Result<usize, RefError> {
        let parts: Vec<&str> = reference.trim_matches('/').split('/').collect();
        let Some(last) = parts.last() else {
            return Err(RefError::NotFound);
        };
        let Some(candidates) = self.by_slug.get(*last) else {
            return Err(RefError::NotFound);
        };
        let matches: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| self.path_ends_with(i, &parts))
            .collect();
        match matches.as_slice() {
            [] => Err(RefError::NotFound),
            [one] => Ok(*one),
            many => Err(RefError::Ambiguous(
                many.iter().map(|&i| self.headings[i].path.clone()).collect(),
            )),
        }
    }

    fn path_ends_with(&self, heading: usize, parts: &[&str]) -> bool {
        let mut at = Some(heading);
        for part in parts.iter().rev() {
            match at {
                Some(i) if self.headings[i].slug == *part => at = self.headings[i].parent,
                _ => return false,
            }
        }
        true
    }

    /// The section a heading belongs to: its ancestor at the section level, or itself when it sits
    /// above that level.
    pub fn section_of(&self, heading: usize) -> usize {
        let Some(level) = self.section_level else {
            return heading;
        };
        let mut at = heading;
        while self.headings[at].level > level {
            match self.headings[at].parent {
                Some(p) => at = p,
                None => break,
            }
        }
        at
    }

    /// Indices of the section-level headings, in document order.
    pub fn sections(&self) -> impl Iterator<Item = usize> + '_ {
        let level = self.section_level;
        self.headings
            .iter()
            .enumerate()
            .filter(move |(_, h)| Some(h.level) == level)
            .map(|(i, _)| i)
    }

    /// Whether heading `inner` is `outer` or lies under it.
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        while let Some(i) = at {
            if i == outer {
                return true;
            }
            at = self.headings[i].parent;
        }
        false
    }

    /// The shortest trailing path that names this heading unambiguously (`s3/encryption`).
    pub fn short_ref(&self, heading: usize) -> String {
        let full = &self.headings[heading].path;
        let parts: Vec<&str> = full.split('/').collect();
        for take in 1..parts.len() {
            let candidate = parts[parts.len() - take..].join("/");
            if self.resolve(&candidate) == Ok(heading) {
                return candidate;
            }
        }
        full.clone()
    }

    /// The Markdown of a heading and everything under it.
    pub fn text(&self, heading: usize) -> &str {
        let h = &self.headings[heading];
        &self.source[h.start..h.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Title\n\nintro\n\n## S3\n\n### Encryption\n\ntext\n\n## EBS\n\n### Encryption\n\n### Limits & requests\n\n```\n# not a heading\n```\n\n## Ünïcode Straße\n";

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slugify("Limits & requests"), "limits--requests");
        assert_eq!(slugify("S3 Glacier: Deep Archive"), "s3-glacier-deep-archive");
        assert_eq!(slugify("snake_case and-hyphen"), "snake_case-and-hyphen");
        assert_eq!(slugify("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(slugify("Route 53 (DNS)"), "route-53-dns");
    }

    #[test]
    fn parses_headings_and_paths_but_not_code() {
        let notes = Notes::parse(SAMPLE.to_string());
        let paths: Vec<&str> = notes.headings.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "title",
                "title/s3",
                "title/s3/encryption",
                "title/ebs",
                "title/ebs/encryption",
                "title/ebs/limits--requests",
                "title/ünïcode-straße",
            ]
        );
        assert_eq!(notes.headings[1].line, 5);
        assert_eq!(notes.section_level(), Some(2));
    }

    #[test]
    fn resolves_trailing_paths_and_reports_ambiguity() {
        let notes = Notes::parse(SAMPLE.to_string());
        assert_eq!(notes.resolve("s3/encryption"), Ok(2));
        assert_eq!(notes.resolve("title/s3/encryption"), Ok(2));
        assert_eq!(notes.resolve("limits--requests"), Ok(5));
        assert_eq!(
            notes.resolve("encryption"),
            Err(RefError::Ambiguous(vec![
                "title/s3/encryption".into(),
                "title/ebs/encryption".into()
            ]))
        );
        assert_eq!(notes.resolve("rds/encryption"), Err(RefError::NotFound));
        assert_eq!(notes.resolve("s3/encryption/extra"), Err(RefError::NotFound));
        assert_eq!(notes.resolve(""), Err(RefError::NotFound));
    }

    #[test]
    fn sections_are_the_repeated_top_level() {
        let notes = Notes::parse(SAMPLE.to_string());
        assert_eq!(notes.section_of(2), 1);
        assert_eq!(notes.section_of(5), 3);
        assert_eq!(notes.section_of(0), 0);
        assert_eq!(notes.sections().collect::<Vec<_>>(), [1, 3, 6]);
        assert!(notes.text(1).starts_with("## S3"));
        assert_eq!(notes.short_ref(2), "s3/encryption");
        assert_eq!(notes.short_ref(1), "s3");
        assert!(notes.text(1).ends_with("text\n\n"));
    }

    #[test]
    fn lone_levels_are_skipped_for_sections() {
        let notes = Notes::parse("# A\n## B\n### C\n### D\n".to_string());
        assert_eq!(notes.section_level(), Some(3));
    }
}
