//! What the index holds as terms, and `search.js` reads a query into the
//! same way: words lowercased with accents removed (Unicode NFD, combining
//! marks dropped), and text in Chinese, Japanese and Korean, which does not
//! put spaces between words, as overlapping pairs of characters ("团队会议"
//! is 团队, 队会, 会议), as Lucene's CJK analyzer does, so that a word inside
//! a sentence is found. A CJK character standing alone is a term of its own.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Han, kana and Hangul: the scripts written without spaces between words
/// (Korean does space its words, but pairs find its compounds too). `search.js`
/// lists the same ranges.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3040..=0x30FF | 0x3130..=0x318F
        | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3134F)
}

/// The tokens of a text: split on anything not a letter or digit, each word
/// folded, CJK runs in pairs. Words already in lower-case ASCII and CJK
/// pairs are borrowed, not copied.
pub fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).flat_map(word_tokens)
}

/// One word's tokens: its runs of CJK and of other letters, in order.
fn word_tokens(word: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let mut rest = word;
    // The CJK run being paired, and whether it is a single character.
    let mut run = "";
    let mut single = false;
    std::iter::from_fn(move || {
        loop {
            if !run.is_empty() {
                let mut chars = run.char_indices().skip(1);
                match chars.next() {
                    Some((second, c)) => {
                        let pair = &run[..second + c.len_utf8()];
                        run = &run[second..];
                        return Some(Cow::Borrowed(pair));
                    }
                    None => {
                        let last = std::mem::take(&mut run);
                        if single {
                            return Some(Cow::Borrowed(last));
                        }
                    }
                }
            }
            if rest.is_empty() {
                return None;
            }
            // Most words are ASCII: one run, no character looked at twice.
            let cjk = !rest.is_ascii() && rest.chars().next().is_some_and(is_cjk);
            let end = if rest.is_ascii() { rest.len() } else { rest.find(|c| is_cjk(c) != cjk).unwrap_or(rest.len()) };
            let (segment, after) = rest.split_at(end);
            rest = after;
            if cjk {
                run = segment;
                single = segment.chars().nth(1).is_none();
            } else if let Some(t) = fold(segment) {
                return Some(t);
            }
        }
    })
}

/// A word outside CJK lowercased with accents removed, if it is a term:
/// two characters at least, 40 bytes at most.
fn fold(w: &str) -> Option<Cow<'_, str>> {
    if w.len() < 2 {
        return None;
    }
    let t: Cow<'_, str> = if w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        Cow::Borrowed(w)
    } else if w.is_ascii() {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Owned(w.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect())
    };
    // A word of ASCII letters and digits has as many characters as bytes.
    (t.len() <= 40 && (t.is_ascii() || t.chars().count() >= 2)).then_some(t)
}

/// The terms of a text: its tokens, and the joined form of each hyphenated
/// word ("stand-up" is also "standup", "on-call" "oncall"), so that either
/// spelling finds both.
pub fn terms(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let joined = hyphenated(text)
        .filter_map(|w| {
            let parts: Vec<&str> = w.split(is_hyphen).filter(|p| !p.is_empty()).collect();
            (parts.len() > 1).then(|| parts.concat())
        })
        .flat_map(|w| tokens(&w).map(Cow::into_owned).collect::<Vec<_>>())
        .map(Cow::Owned);
    tokens(text).chain(joined)
}

const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

fn is_hyphen(c: char) -> bool {
    HYPHENS.contains(&c)
}

fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_hyphen(c)
}

/// The words of a text (runs of letters, digits and hyphens) that hold a
/// hyphen, in order: found from the hyphens (a fast search for each kind),
/// so that a text without any costs one pass of `str::find` per kind, not a
/// pass over every character.
fn hyphenated(text: &str) -> impl Iterator<Item = &str> + '_ {
    let find = move |h: char, from: usize| text[from..].find(h).map_or(text.len(), |i| from + i);
    let mut next = HYPHENS.map(|h| find(h, 0));
    let mut at = 0;
    std::iter::from_fn(move || {
        let i = next.iter().copied().min()?;
        if i >= text.len() {
            return None;
        }
        let start = text[..i]
            .rfind(|c: char| !in_word(c))
            .map_or(0, |j| j + text[j..].chars().next().map_or(1, char::len_utf8));
        let end = text[i..].find(|c: char| !in_word(c)).map_or(text.len(), |j| i + j);
        at = end.max(at);
        for (h, n) in HYPHENS.iter().zip(next.iter_mut()) {
            if *n < at {
                *n = find(*h, at);
            }
        }
        Some(&text[start..end])
    })
}

#[cfg(test)]
mod tests {
    use super::{hyphenated, terms, tokens};

    fn all(text: &str) -> Vec<String> {
        tokens(text).map(|t| t.into_owned()).collect()
    }

    #[test]
    fn tokens_fold_case_and_accents() {
        let t = all("Tomás Ferreira, the EM/PM co-lead: O'Neil x");
        assert_eq!(t, ["tomas", "ferreira", "the", "em", "pm", "co", "lead", "neil"]);
    }

    #[test]
    fn hyphenated_words_are_found_joined_too() {
        let t: Vec<String> = terms("The daily stand-up, on‑call and e-mail").map(|t| t.into_owned()).collect();
        assert_eq!(t, ["the", "daily", "stand", "up", "on", "call", "and", "mail", "standup", "oncall", "email"]);
        let words: Vec<&str> = hyphenated("-x state-of-the-art, e‐mail;co-lead- no hyphen here ‑").collect();
        assert_eq!(words, ["-x", "state-of-the-art", "e‐mail", "co-lead-", "‑"]);
        assert_eq!(hyphenated("no hyphen at all").count(), 0);
        let joined: Vec<String> = terms("state-of-the-art").skip(4).map(|t| t.into_owned()).collect();
        assert_eq!(joined, ["stateoftheart"]);
    }

    #[test]
    fn cjk_text_is_indexed_in_overlapping_pairs() {
        assert_eq!(all("团队会议"), ["团队", "队会", "会议"]);
        // A sentence: punctuation splits it, each run is paired.
        let t = all("每周五下午我们开团队会议，讨论发布计划。金曜日の午後");
        assert!(t.contains(&"会议".to_string()) && t.contains(&"计划".to_string()), "{t:?}");
        assert!(t.contains(&"金曜".to_string()) && t.contains(&"曜日".to_string()), "{t:?}");
        // Korean: spaced words, each paired; a syllable alone is a term.
        assert_eq!(all("팀 회의를 합니다"), ["팀", "회의", "의를", "합니", "니다"]);
        // Mixed with Latin letters and digits: each run on its own, folded as before.
        assert_eq!(all("Q3计划 Ümlaut会"), ["q3", "计划", "umlaut", "会"]);
        // Kana keep their voicing marks (not folded away as accents).
        assert_eq!(all("ガバナンス"), ["ガバ", "バナ", "ナン", "ンス"]);
    }
}
