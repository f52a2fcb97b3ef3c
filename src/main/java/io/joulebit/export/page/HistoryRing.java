package io.joulebit.export.page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points behind the live page's charts, in bounded memory. Points are bucketed by wall time at a resolution
 * that starts at one second; when the ring holds more than {@code capacity} buckets the resolution doubles and
 * neighbouring buckets merge, and buckets older than {@code window} behind the newest are dropped. So memory never
 * exceeds capacity × (series + devices) doubles (×2: a sum and a count per cell) whatever the run's length: with the
 * defaults 2048 buckets of 7 series and at most 64 devices. A 6 h window settles at 16 s per point.
 * Within a bucket, {@link Series.Merge#LAST} series keep their latest value (totals, loss), MEAN series the mean
 * (power, flux). Thread-safe: the accountant thread records, HTTP threads read.
 */
public final class HistoryRing {
    public static final int DEFAULT_CAPACITY = 2048;
    public static final double DEFAULT_WINDOW_SECONDS = 6 * 3600;
    public static final int MAX_DEVICES = 64;

    private final int capacity;
    private final double windowSeconds;
    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private final Map<String, Integer> deviceSlots = new LinkedHashMap<>();
    private double resolution = 1;
    private long devicesRefused;

    public HistoryRing(int capacity, double windowSeconds) {
        if (capacity < 2) throw new IllegalArgumentException("capacity: expecting >= 2, found " + capacity);
        if (!(windowSeconds > 0)) throw new IllegalArgumentException("window: expecting > 0 s, found " + windowSeconds);
        this.capacity = capacity;
        this.windowSeconds = windowSeconds;
    }

    public static HistoryRing defaults() { return new HistoryRing(DEFAULT_CAPACITY, DEFAULT_WINDOW_SECONDS); }

    /**
     * Adds one observation at wall time {@code t} (epoch seconds). {@code values} is indexed by {@link Series}
     * ordinal, NaN where absent; {@code watts} maps devices to power, NaN where the device reported none.
     * A time before the newest bucket (a wall-clock step back) joins the newest bucket: points never reorder.
     */
    public synchronized void record(double t, double[] values, Map<String, Double> watts) {
        if (!Double.isFinite(t)) return;
        long index = (long) Math.floor(t / resolution);
        if (buckets.isEmpty() || index > buckets.peekLast().index) buckets.addLast(new Bucket(index, width()));
        Bucket last = buckets.peekLast();
        last.t = Math.max(last.t, t);
        for (Series s : Series.values()) last.add(s.ordinal(), values[s.ordinal()], s.merge);
        watts.forEach((device, w) -> {
            Integer slot = slot(device);
            if (slot != null) last.add(Series.COUNT + slot, w, Series.Merge.MEAN);
        });
        while (!buckets.isEmpty() && buckets.peekFirst().t < t - windowSeconds) buckets.removeFirst();
        while (buckets.size() > capacity) coarsen();
    }

    private Integer slot(String device) {
        Integer slot = deviceSlots.get(device);
        if (slot == null && deviceSlots.size() < MAX_DEVICES) {
            slot = deviceSlots.size();
            deviceSlots.put(device, slot);
        } else if (slot == null) {
            devicesRefused++;
        }
        return slot;
    }

    private int width() { return Series.COUNT + deviceSlots.size(); }

    /** Doubles the resolution and merges the buckets that now share an index. */
    private void coarsen() {
        resolution *= 2;
        List<Bucket> old = new ArrayList<>(buckets);
        buckets.clear();
        for (Bucket b : old) {
            long index = (long) Math.floor(b.t / resolution);
            Bucket last = buckets.peekLast();
            if (last != null && last.index >= index) {
                last.absorb(b);
            } else {
                b.index = index;
                buckets.addLast(b);
            }
        }
    }

    /** The buckets whose time is after {@code since} (epoch seconds; NaN or -Inf: all), oldest first. */
    public synchronized View since(double since) {
        List<Point> out = new ArrayList<>();
        for (Bucket b : buckets) {
            if (Double.isNaN(since) || b.t > since) out.add(b.point());
        }
        return new View(resolution, windowSeconds, capacity, List.copyOf(deviceSlots.keySet()), out);
    }

    public synchronized int size() { return buckets.size(); }

    public double windowSeconds() { return windowSeconds; }

    public synchronized double resolutionSeconds() { return resolution; }

    /** Devices beyond {@link #MAX_DEVICES}: not charted. */
    public synchronized long devicesRefused() { return devicesRefused; }

    /** One chart point: its time and every column (series, then devices in {@link View#devices()} order). */
    public record Point(double t, double[] columns) {
        public double value(Series s) { return columns[s.ordinal()]; }

        public double watts(int deviceSlot) {
            int i = Series.COUNT + deviceSlot;
            return i < columns.length ? columns[i] : Double.NaN;
        }
    }

    public record View(double resolutionSeconds, double windowSeconds, int capacity, List<String> devices,
                       List<Point> points) {
        public View {
            devices = Collections.unmodifiableList(devices);
        }
    }

    /** A bucket's cells: sum and count, so means merge exactly; LAST cells keep count 1. */
    private static final class Bucket {
        long index;
        double t = Double.NEGATIVE_INFINITY;
        double[] sum;
        int[] n;

        Bucket(long index, int width) {
            this.index = index;
            this.sum = new double[width];
            this.n = new int[width];
        }

        void add(int col, double v, Series.Merge merge) {
            if (!Double.isFinite(v)) return; // absent is not zero: an absent reading leaves the cell as it was
            grow(col + 1);
            if (merge == Series.Merge.LAST) {
                sum[col] = v;
                n[col] = 1;
            } else {
                sum[col] += v;
                n[col]++;
            }
        }

        /** Merges the later bucket {@code b} into this one. */
        void absorb(Bucket b) {
            grow(b.sum.length);
            for (int col = 0; col < b.sum.length; col++) {
                if (b.n[col] == 0) continue;
                boolean last = col < Series.COUNT && Series.values()[col].merge == Series.Merge.LAST;
                if (last) {
                    sum[col] = b.sum[col];
                    n[col] = 1;
                } else {
                    sum[col] += b.sum[col];
                    n[col] += b.n[col];
                }
            }
            t = Math.max(t, b.t);
        }

        private void grow(int width) {
            if (width > sum.length) {
                sum = Arrays.copyOf(sum, width);
                n = Arrays.copyOf(n, width);
            }
        }

        Point point() {
            double[] c = new double[sum.length];
            for (int i = 0; i < c.length; i++) c[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
            return new Point(t, c);
        }
    }
}
