/*
 * The analysis components of Elasticsearch's analysis-common module that Vindplaats' index
 * template (mappings/elasticsearch/) uses, under the same names and with the same parameters.
 *
 * analysis-common is a module of the Elasticsearch distribution and is not published to Maven
 * Central for 8.x, so a node started from Maven artifacts lacks it. Each factory below builds the
 * same Lucene objects as its analysis-common counterpart (Elasticsearch 8.14), so the template
 * analyses text here exactly as on a production cluster. Parameters this subset does not
 * implement are refused, never silently ignored.
 */
package nl.vindplaats.esrunner;

import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.commongrams.CommonGramsFilter;
import org.apache.lucene.analysis.commongrams.CommonGramsQueryFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.KpStemmer;

public class AnalysisSubsetPlugin extends Plugin implements AnalysisPlugin {

    private static final Set<String> COMMON = Set.of("type", "version");

    /** Refuse parameters this subset does not implement. */
    static void only(Settings settings, String name, String... known) {
        for (String key : settings.keySet()) {
            // defaults for unconfigured instances carry index settings (index.version.created)
            if (!COMMON.contains(key) && !key.startsWith("index.") && !Set.of(known).contains(key)) {
                throw new IllegalArgumentException(
                    "[" + name + "]: parameter [" + key + "] is not supported by the Vindplaats test runner"
                );
            }
        }
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("whitespace", (indexSettings, env, name, settings) -> {
            only(settings, name, "max_token_length");
            int maxTokenLength = settings.getAsInt("max_token_length", 255);
            return new AbstractTokenizerFactory(indexSettings, settings, name) {
                @Override
                public Tokenizer create() {
                    return new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength);
                }
            };
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "lowercase", AnalysisSubsetPlugin::lowercase,
            "asciifolding", AnalysisSubsetPlugin::asciiFolding,
            "length", AnalysisSubsetPlugin::length,
            // unconfigured, Elasticsearch's stemmer is English, which this subset does not supply
            "stemmer", AnalysisPlugin.requiresAnalysisSettings(AnalysisSubsetPlugin::stemmer),
            "word_delimiter_graph", AnalysisSubsetPlugin::wordDelimiterGraph,
            "common_grams", AnalysisPlugin.requiresAnalysisSettings(AnalysisSubsetPlugin::commonGrams)
        );
    }

    private static final class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final java.util.function.UnaryOperator<TokenStream> filter;

        Normalizing(String name, Settings settings, java.util.function.UnaryOperator<TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }

    private static final class Plain extends AbstractTokenFilterFactory {
        private final java.util.function.UnaryOperator<TokenStream> filter;

        Plain(String name, Settings settings, java.util.function.UnaryOperator<TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }

    static TokenFilterFactory lowercase(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(settings, name);
        return new Normalizing(name, settings, LowerCaseFilter::new);
    }

    static TokenFilterFactory asciiFolding(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(settings, name, "preserve_original");
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Normalizing(name, settings, in -> new ASCIIFoldingFilter(in, preserveOriginal));
    }

    static TokenFilterFactory length(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(settings, name, "min", "max");
        int min = settings.getAsInt("min", 0);
        int max = settings.getAsInt("max", Integer.MAX_VALUE);
        return new Plain(name, settings, in -> new LengthFilter(in, min, max));
    }

    static TokenFilterFactory stemmer(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(settings, name, "language", "name");
        String language = settings.get("language", settings.get("name"));
        if ("dutch".equalsIgnoreCase(language)) {
            return new Plain(name, settings, in -> new SnowballFilter(in, new DutchStemmer()));
        }
        if ("dutch_kp".equalsIgnoreCase(language) || "dutchKp".equalsIgnoreCase(language) || "kp".equalsIgnoreCase(language)) {
            return new Plain(name, settings, in -> new SnowballFilter(in, new KpStemmer()));
        }
        throw new IllegalArgumentException(
            "[" + name + "]: stemmer language [" + language + "] is not supported by the Vindplaats test runner"
        );
    }

    static TokenFilterFactory wordDelimiterGraph(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(
            settings,
            name,
            "generate_word_parts",
            "generate_number_parts",
            "catenate_words",
            "catenate_numbers",
            "catenate_all",
            "split_on_case_change",
            "preserve_original",
            "split_on_numerics",
            "stem_english_possessive",
            "ignore_keywords",
            "adjust_offsets"
        );
        int flags = 0;
        flags |= flag(settings, "generate_word_parts", true, WordDelimiterGraphFilter.GENERATE_WORD_PARTS);
        flags |= flag(settings, "generate_number_parts", true, WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS);
        flags |= flag(settings, "catenate_words", false, WordDelimiterGraphFilter.CATENATE_WORDS);
        flags |= flag(settings, "catenate_numbers", false, WordDelimiterGraphFilter.CATENATE_NUMBERS);
        flags |= flag(settings, "catenate_all", false, WordDelimiterGraphFilter.CATENATE_ALL);
        flags |= flag(settings, "split_on_case_change", true, WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE);
        flags |= flag(settings, "preserve_original", false, WordDelimiterGraphFilter.PRESERVE_ORIGINAL);
        flags |= flag(settings, "split_on_numerics", true, WordDelimiterGraphFilter.SPLIT_ON_NUMERICS);
        flags |= flag(settings, "stem_english_possessive", true, WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE);
        flags |= flag(settings, "ignore_keywords", false, WordDelimiterGraphFilter.IGNORE_KEYWORDS);
        boolean adjustOffsets = settings.getAsBoolean("adjust_offsets", true);
        int finalFlags = flags;
        return new Plain(
            name,
            settings,
            in -> new WordDelimiterGraphFilter(in, adjustOffsets, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, finalFlags, null)
        );
    }

    /** As analysis-common's CommonGramsTokenFilterFactory, with the words inline only. */
    static TokenFilterFactory commonGrams(
        org.elasticsearch.index.IndexSettings indexSettings,
        org.elasticsearch.env.Environment env,
        String name,
        Settings settings
    ) {
        only(settings, name, "common_words", "ignore_case", "query_mode");
        boolean ignoreCase = settings.getAsBoolean("ignore_case", false);
        boolean queryMode = settings.getAsBoolean("query_mode", false);
        java.util.List<String> listed = settings.getAsList("common_words", java.util.List.of());
        if (listed.isEmpty()) {
            throw new IllegalArgumentException(
                "missing or empty [common_words] or [common_words_path] configuration for common_grams token filter"
            );
        }
        CharArraySet words = new CharArraySet(listed, ignoreCase);
        return new Plain(name, settings, in -> {
            CommonGramsFilter grams = new CommonGramsFilter(in, words);
            return queryMode ? new CommonGramsQueryFilter(grams) : grams;
        });
    }

    private static int flag(Settings settings, String key, boolean defaultValue, int value) {
        return settings.getAsBoolean(key, defaultValue) ? value : 0;
    }
}
