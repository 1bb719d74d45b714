//! The text analysis of Vindplaats's embedded index, done once per page and in parallel.
//!
//! tantivy analyses each field of each document on its own, so the text of a page that the
//! index holds in three forms (the document's stemmed words with positions, its page's stemmed
//! words with positions, the document's folded words for `prefix*`) was tokenised, folded and
//! stemmed three times. `Analyser.analyse` does it once: the Dutch word forms of
//! `vindplaats.engine.analysis` (tantivy's simple tokenizer, long tokens dropped, lowercased,
//! ASCII-folded, then the Dutch Snowball stemmer, from the same crates as the `tantivy` Python
//! package), and hands back text that the index splits on whitespace only:
//!
//! - per page, its stems in order, one per position (`GAP` where a long token was dropped, so a
//!   phrase never matches across it);
//! - per document, its distinct folded words (what `prefix*` matches);
//! - per document, its common grams: `a_b` for two adjacent stems of a page where either is one
//!   of the common words, once per occurrence (so `"de gemeente"` is one term, counted).
//!
//! Documents are analysed on all cores, without the Python lock, by a thread pool made for the
//! call and gone after it (no global pool: a process forked after a call has no threads it
//! would wait for).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::prelude::*;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// The term standing in for a dropped token (never produced by the tokenizer: not alphanumeric).
const GAP: &str = "_";
/// Joins the two stems of a gram (stems are alphanumeric, so `a_b` is unambiguous).
const JOIN: char = '_';

/// Words whose stems a thread remembers before it starts over (bounded memory).
const STEM_CACHE: usize = 500_000;

type Analysed = (Vec<String>, String, String);

/// Analyses documents (lists of page texts) into the index's pre-analysed text.
#[pyclass(frozen, module = "vindplaats_text")]
struct Analyser {
    common: HashSet<String>,
    max_token_bytes: usize,
}

impl Analyser {
    fn work(&self) -> Work {
        Work {
            folder: self.folder(),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::Dutch),
            stems: HashMap::new(),
        }
    }

    fn folder(&self) -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(self.max_token_bytes))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn document(&self, work: &mut Work, pages: &[String]) -> Analysed {
        let Work {
            folder,
            stemmer,
            stems: cache,
        } = work;
        if cache.len() > STEM_CACHE {
            cache.clear();
        }
        let mut folded: BTreeSet<String> = BTreeSet::new();
        let mut grams = String::new();
        let mut out = Vec::with_capacity(pages.len());
        let mut previous = String::new(); // the stem before, when adjacent
        let mut previous_common = false;
        for page in pages {
            let mut stems = String::with_capacity(page.len());
            let mut next = 0usize; // the position the next token takes when none was dropped
            previous.clear();
            let mut stream = folder.token_stream(page);
            while stream.advance() {
                let token = stream.token();
                while next < token.position {
                    push(&mut stems, GAP);
                    next += 1;
                    previous.clear();
                }
                next = token.position + 1;
                if !folded.contains(&token.text) {
                    folded.insert(token.text.clone());
                }
                if !cache.contains_key(token.text.as_str()) {
                    let stem = stemmer.stem(&token.text).into_owned();
                    let common = self.common.contains(&stem);
                    cache.insert(token.text.clone(), (stem, common));
                }
                let (stem, common) = &cache[token.text.as_str()];
                if stem.is_empty() {
                    push(&mut stems, GAP);
                    previous.clear();
                    continue;
                }
                push(&mut stems, stem);
                if !previous.is_empty() && (previous_common || *common) {
                    push(&mut grams, &previous);
                    grams.push(JOIN);
                    grams.push_str(stem);
                }
                previous.clear();
                previous.push_str(stem);
                previous_common = *common;
            }
            out.push(stems);
        }
        let folded = folded.into_iter().collect::<Vec<_>>().join(" ");
        (out, folded, grams)
    }
}

/// What one analysing thread keeps between documents: its analyser, stemmer and the stems of
/// the words it has seen (the Dutch stemmer is the costly step; council text repeats its words).
struct Work {
    folder: TextAnalyzer,
    stemmer: frostem::Stemmer,
    stems: HashMap<String, (String, bool)>, // folded word -> (stem, stem is common)
}

fn push(text: &mut String, term: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(term);
}

#[pymethods]
impl Analyser {
    /// `common`: the stems that form grams; `max_token_bytes`: tokens this long or longer are
    /// dropped (extraction junk).
    #[new]
    fn new(common: Vec<String>, max_token_bytes: usize) -> Self {
        Analyser {
            common: common.into_iter().collect(),
            max_token_bytes,
        }
    }

    /// For each document (its pages' texts): (each page's stems, the document's distinct folded
    /// words, the document's common grams), each a string of terms separated by spaces.
    fn analyse(&self, py: Python<'_>, documents: Vec<Vec<String>>) -> PyResult<Vec<Analysed>> {
        let run = |documents: &[Vec<String>]| -> Vec<Analysed> {
            documents
                .par_iter()
                .map_init(|| self.work(), |work, pages| self.document(work, pages))
                .collect()
        };
        py.detach(|| {
            if documents.len() < 2 {
                let mut work = self.work();
                return Ok(documents
                    .iter()
                    .map(|pages| self.document(&mut work, pages))
                    .collect());
            }
            let pool = rayon::ThreadPoolBuilder::new()
                .build()
                .map_err(|e| PyRuntimeError::new_err(format!("no analyser threads: {e}")))?;
            Ok(pool.install(|| run(&documents)))
        })
    }
}

/// Finds the words of a text a query marks: those whose stem is one of `stems`, or whose folded
/// form starts with one of `prefixes` (the first that does). Decisions are remembered per word,
/// so one marker serves every page of one search.
#[pyclass(frozen, module = "vindplaats_text")]
struct Marker {
    stems: HashSet<String>,
    prefixes: Vec<String>,
    max_token_bytes: usize,
    seen: Mutex<HashMap<String, Option<u32>>>, // folded word -> index of what it matches
}

/// The key a word matches: 0..stems for a stem (in `keys` order), then the prefixes.
impl Marker {
    fn judge(&self, stemmer: &frostem::Stemmer, folded: &str, keys: &[String]) -> Option<u32> {
        let stem = stemmer.stem(folded);
        if self.stems.contains(stem.as_ref()) {
            return keys
                .iter()
                .position(|k| k == stem.as_ref())
                .map(|i| i as u32);
        }
        let first = self
            .prefixes
            .iter()
            .position(|p| folded.starts_with(p.as_str()))?;
        Some((self.stems.len() + first) as u32)
    }
}

#[pymethods]
impl Marker {
    #[new]
    fn new(stems: Vec<String>, prefixes: Vec<String>, max_token_bytes: usize) -> Self {
        Marker {
            stems: stems.into_iter().collect(),
            prefixes,
            max_token_bytes,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// The keys `marks` refers to by index: the stems (sorted), then the prefixes.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.stems.iter().cloned().collect();
        keys.sort();
        keys.extend(self.prefixes.iter().cloned());
        keys
    }

    /// The marked words of `text`, in order: (start, end, key index), in characters.
    fn marks(&self, py: Python<'_>, text: &str) -> Vec<(usize, usize, u32)> {
        let keys = self.keys();
        py.detach(|| {
            let analyser = Analyser {
                common: HashSet::new(),
                max_token_bytes: self.max_token_bytes,
            };
            let mut folder = analyser.folder();
            let stemmer = frostem::Stemmer::new(frostem::Algorithm::Dutch);
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let mut out = Vec::new();
            let (mut byte, mut chars) = (0usize, 0usize); // a byte offset and its char offset
            let mut stream = folder.token_stream(text);
            while stream.advance() {
                let token = stream.token();
                if !seen.contains_key(token.text.as_str()) {
                    let key = self.judge(&stemmer, &token.text, &keys);
                    seen.insert(token.text.clone(), key);
                }
                if let Some(key) = seen[token.text.as_str()] {
                    chars += text[byte..token.offset_from].chars().count();
                    let start = chars;
                    chars += text[token.offset_from..token.offset_to].chars().count();
                    byte = token.offset_to;
                    out.push((start, chars, key));
                }
            }
            out
        })
    }
}

#[pymodule]
fn vindplaats_text(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Analyser>()?;
    module.add_class::<Marker>()?;
    Ok(())
}
