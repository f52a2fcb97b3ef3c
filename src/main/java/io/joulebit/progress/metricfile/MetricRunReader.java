package io.joulebit.progress.metricfile;

import io.joulebit.progress.metricfile.tensorboard.NotAnEventFileException;
import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.progress.tail.TailPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric file of a run read as one stream: files found on each {@link #pump} (a writer rolls to a new file,
 * a new subfolder appears), the points available in all of them merged in the writers' time order, each handed on
 * with its position (file identity, offset just past its record).
 *
 * <p>Resume: the stored position names one file and the offset after the last point applied. That file continues
 * from there; its points up to the offset give the time the previous agent had reached, and points of the other
 * files up to that time were applied then too and are skipped. A file mentioned by no position is read from 0.
 */
public final class MetricRunReader implements Closeable {
    /** Loaded on the first message only: replay-log of an event file otherwise starts the logging back end for none. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(MetricRunReader.class);
    }

    /** Receives each point with the position just past it. */
    public interface Sink { void point(ScalarPoint p, TailPosition at); }

    private final RunLayout layout;
    private final Optional<TailPosition> resume;
    private final List<PointFile> files = new ArrayList<>();
    private final List<ScalarPoint> heads = new ArrayList<>();
    private final List<Boolean> dead = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();
    private final List<String> refused = new ArrayList<>();
    private double resumedUpTo = Double.NEGATIVE_INFINITY;
    private boolean resumeFound;
    private long beforeResume;

    public MetricRunReader(RunLayout layout, Optional<TailPosition> resume) {
        this.layout = layout;
        this.resume = resume;
    }

    public RunLayout layout() { return layout; }

    /**
     * Reads what is new in every file and hands it to {@code sink} in time order; returns how many points.
     *
     * @throws NotAnEventFileException when the run was named by a single file and it is not an event file
     */
    public long pump(Sink sink) throws IOException {
        discover();
        boolean[] dry = new boolean[files.size()];
        long n = 0;
        while (true) {
            int best = -1;
            for (int i = 0; i < files.size(); i++) {
                ScalarPoint h = heads.get(i);
                if (h == null && !dry[i] && !dead.get(i)) {
                    h = next(i);
                    if (h == null) dry[i] = true; else heads.set(i, h);
                }
                if (h != null && (best < 0 || h.wallSeconds() < heads.get(best).wallSeconds())) best = i;
            }
            if (best < 0) return n;
            ScalarPoint p = heads.get(best);
            heads.set(best, null);
            PointFile f = files.get(best);
            if (p.wallSeconds() <= resumedUpTo && !(resumeFound && f.identity().equals(resume.get().identity()))) {
                beforeResume++;
                continue;
            }
            n++;
            sink.point(p, new TailPosition(f.identity(), p.offsetAfter()));
        }
    }

    /** The file's next point; a file found in a directory that turns out not to be an event file is set aside. */
    private ScalarPoint next(int i) throws IOException {
        try {
            return files.get(i).next();
        } catch (NotAnEventFileException e) {
            if (files.get(i).path().equals(layout.root())) throw e;
            dead.set(i, true);
            files.get(i).close();
            refused.add(e.getMessage());
            Log.LOG.warn("{}", e.getMessage());
            return null;
        }
    }

    private void discover() throws IOException {
        for (Path p : layout.scan()) {
            if (!seen.add(p)) continue;
            try {
                long offset = 0;
                if (resume.isPresent() && FileIdentity.of(p).filter(resume.get().identity()::equals).isPresent()) {
                    offset = resume.get().offset();
                    resumedUpTo = timeAt(p, offset);
                    resumeFound = true;
                    Log.LOG.info("{}: resuming at offset {} (points up to wall time {} were applied)", p, offset,
                            resumedUpTo);
                }
                files.add(layout.open(p, offset));
                heads.add(null);
                dead.add(false);
            } catch (NotAnEventFileException e) {
                if (p.equals(layout.root())) throw e;
                refused.add(e.getMessage());
                Log.LOG.warn("{}", e.getMessage());
            } catch (NoSuchFileException e) {
                seen.remove(p);             // gone between the scan and the open; look again next time
            }
        }
    }

    /** The latest writer time among the points of {@code p} before {@code offset}. */
    private double timeAt(Path p, long offset) throws IOException {
        double t = Double.NEGATIVE_INFINITY;
        try (PointFile f = layout.open(p, 0)) {
            ScalarPoint q;
            while ((q = f.next()) != null && q.offsetAfter() <= offset) t = Math.max(t, q.wallSeconds());
        }
        return t;
    }

    /** Files read (those set aside as not event files not counted). */
    public int files() { return (int) dead.stream().filter(d -> !d).count(); }

    /** Damaged records skipped, over all files. */
    public long corrupt() {
        long c = 0;
        for (PointFile f : files) c += f.corrupt();
        return c;
    }

    /** Files found that are not event files (each with the reason). */
    public List<String> refused() { return List.copyOf(refused); }

    /** Points of other files skipped on resume as already applied. */
    public long beforeResume() { return beforeResume; }

    @Override
    public void close() throws IOException {
        for (int i = 0; i < files.size(); i++) if (!dead.get(i)) files.get(i).close();
    }
}
