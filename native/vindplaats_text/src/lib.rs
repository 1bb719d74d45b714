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

#[pymodule]
fn vindplaats_text(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Analyser>()?;
    Ok(())
}
