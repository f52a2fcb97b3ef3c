package io.joulebit.progress.metricfile;

/**
 * Tags the user named (--loss-tag, --eval-tag, --tokens-tag; progress.log.loss_tag, eval_tag, tokens_tag), each
 * null when left to the writer table. Keys are as joulebit prints them: the tag, behind its subfolder if any.
 */
public record TagOverrides(String loss, String eval, String tokens) {
    public static final TagOverrides NONE = new TagOverrides(null, null, null);

    public boolean any() { return loss != null || eval != null || tokens != null; }
}
