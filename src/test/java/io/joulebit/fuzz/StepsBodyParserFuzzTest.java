package io.joulebit.fuzz;

import io.joulebit.progress.ingest.StepsBodyParser;
import io.joulebit.progress.ingest.StepsBodyResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest body parser on arbitrary bytes. Invariant: it returns (never throws) Accepted with 1..maxEvents events,
 * BadRequest or TooLarge, each with a non-blank reason, and an oversized body is TooLarge.
 */
class StepsBodyParserFuzzTest {
    private static final int MAX_BODY = 8192;
    private static final int MAX_EVENTS = 50;
    private static final StepsBodyParser PARSER = new StepsBodyParser(MAX_BODY, MAX_EVENTS);
    private static final List<String> DICTIONARY = List.of("{", "}", "[", "]", ",", ":", "\"step\":", "\"loss_nats\":",
            "\"loss_bits\":", "\"tokens\":", "\"lr\":", "\"batch_sequences\":", "\"timestamp\":", "\"phase\":",
            "\"train\"", "\"eval\"", "null", "true", "false", "\"\\u0000\"", "\"\\ud800\"", "\n", "\r\n", "{\"step\":1}",
            "/*", "//", "'", "\ufeff");

    @Test
    void onlyDocumentedResults() throws Exception {
        var stats = FuzzRunner.fuzz("ingest", DICTIONARY, MAX_BODY + 64, StepsBodyParserFuzzTest::parse);
        assertThat(stats.mutants()).isPositive();
    }

    static void parse(byte[] body) {
        StepsBodyResult r = PARSER.parse(body);
        assertThat(r).isNotNull();
        if (body.length > MAX_BODY) assertThat(r).isInstanceOf(StepsBodyResult.TooLarge.class);
        if (r instanceof StepsBodyResult.Accepted ok) assertThat(ok.events()).hasSizeBetween(1, MAX_EVENTS);
        if (r instanceof StepsBodyResult.BadRequest bad) assertThat(bad.reason()).isNotBlank();
        if (r instanceof StepsBodyResult.TooLarge big) assertThat(big.reason()).isNotBlank();
    }
}
