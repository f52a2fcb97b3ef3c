package io.joulebit.progress.metricfile.tensorboard;

import io.joulebit.progress.metricfile.PointFile;
import io.joulebit.progress.metricfile.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A TensorBoard run: one event file, or a log directory with every {@code *tfevents*} file in it and in its
 * subfolders (Keras' train/ and validation/, one folder per add_scalars series, fairseq's train_inner/ and valid/).
 * A file's tags are keyed behind its subfolder ("validation/epoch_loss"), so series of different writers stay
 * apart; files of one folder (a writer that rolled or restarted) share their keys and merge in time.
 */
public final class TensorBoardRun implements RunLayout {
    /** Deep enough for run/version_0/train, not a walk of a whole disk. */
    static final int MAX_DEPTH = 4;
    private final Path root;

    public TensorBoardRun(Path root) { this.root = root; }

    /** A path this layout reads: an event file by name, or a directory holding one within {@link #MAX_DEPTH}. */
    public static boolean handles(Path p) {
        if (Files.isRegularFile(p)) return isEventFileName(p);
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.find(p, MAX_DEPTH, (f, a) -> a.isRegularFile() && isEventFileName(f))) {
            return s.findAny().isPresent();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    static boolean isEventFileName(Path f) { return f.getFileName().toString().contains("tfevents"); }

    @Override public String kind() { return "tensorboard"; }
    @Override public Path root() { return root; }

    @Override
    public List<Path> scan() throws IOException {
        if (!Files.isDirectory(root)) return List.of(root);
        try (Stream<Path> s = Files.find(root, MAX_DEPTH, (f, a) -> a.isRegularFile() && isEventFileName(f))) {
            return s.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public PointFile open(Path file, long offset) throws IOException {
        Path parent = Files.isDirectory(root) ? root.relativize(file).getParent() : null;
        String prefix = parent == null ? "" : parent.toString().replace('\\', '/') + "/";
        return new EventFile(file, prefix, offset);
    }
}
