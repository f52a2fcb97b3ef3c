package io.joulebit.progress.metricfile.tensorboard;

import io.joulebit.progress.metricfile.ScalarPoint;
import io.joulebit.progress.metricfile.tensorboard.proto.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfRecordReaderTest {
    @TempDir Path dir;

    @Test
    void headerRecordHasTheBytesEveryPyTorchEventFileStartsWith() {
        // Every SummaryWriter file begins with a 24-byte header record: 18 00 00 00 00 00 00 00 a3 7f 4b 22.
        byte[] r = EventWriter.record(Event.newBuilder().setWallTime(1.7e9).setFileVersion("brain.Event:2").build()
                .toByteArray());
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(r, 12))).isEqualTo("1800000000000000a37f4b22");
    }

    @Test
    void tornRecordWaitsForItsLastBytesThenReads() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.host");
        EventWriter w = new EventWriter(f).header(1.0);
        byte[] rec = EventWriter.record(EventWriter.simple("loss", 1, 2.5f, 2.0).toByteArray());
        w.appendBytes(Arrays.copyOf(rec, 5));
        try (EventFile ef = new EventFile(f, "", 0)) {
            assertThat(ef.next()).isNull();
            w.appendBytes(Arrays.copyOfRange(rec, 5, rec.length - 1));
            assertThat(ef.next()).isNull();
            assertThat(ef.offset()).isEqualTo(Files.size(new EventWriter(dir.resolve("h")).header(1.0).file()));
            w.appendBytes(Arrays.copyOfRange(rec, rec.length - 1, rec.length));
            ScalarPoint p = ef.next();
            assertThat(p).isEqualTo(new ScalarPoint("loss", 1, 2.5, 2.0, Files.size(f)));
            assertThat(ef.corrupt()).isZero();
        }
    }

    @Test
    void dataCrcMismatchIsCountedAndSkipped() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.host");
        EventWriter w = new EventWriter(f).header(1.0).scalar("loss", 1, 3f, 2);
        byte[] bad = EventWriter.record(EventWriter.simple("loss", 2, 2.9f, 3).toByteArray());
        bad[14] ^= 0x40;                                   // a data byte: the data CRC no longer matches
        w.appendBytes(bad).scalar("loss", 3, 2.8f, 4);
        List<ScalarPoint> got = readAll(f);
        assertThat(got).extracting(ScalarPoint::step).containsExactly(1L, 3L);
    }

    @Test
    void damagedLengthResynchronisesOnTheNextRecord() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.host");
        EventWriter w = new EventWriter(f).header(1.0).scalar("loss", 1, 3f, 2);
        byte[] bad = EventWriter.record(EventWriter.simple("loss", 2, 2.9f, 3).toByteArray());
        bad[0] ^= 0x7f;                                    // the length: its CRC fails, the length is not trusted
        w.appendBytes(bad).scalar("loss", 3, 2.8f, 4);
        try (EventFile ef = new EventFile(f, "", 0)) {
            List<ScalarPoint> got = new ArrayList<>();
            ScalarPoint p;
            while ((p = ef.next()) != null) got.add(p);
            assertThat(got).extracting(ScalarPoint::step).containsExactly(1L, 3L);
            assertThat(ef.corrupt()).isEqualTo(1);
        }
    }

    @Test
    void aTextFileIsRefusedWithTheReason() throws IOException {
        Path f = Files.writeString(dir.resolve("events.out.tfevents.1.host"), "step 1 loss 2.3\nstep 2 loss 2.2\n");
        try (EventFile ef = new EventFile(f, "", 0)) {
            assertThatThrownBy(ef::next).isInstanceOf(NotAnEventFileException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("not a TensorBoard event file")
                    .hasMessageContaining("length CRC");
        }
    }

    @Test
    void aTfRecordFileOfOtherProtosIsRefused() throws IOException {
        Path f = dir.resolve("events.out.tfevents.2.host");
        new EventWriter(f).appendBytes(EventWriter.record("not an event at all".getBytes()));
        try (EventFile ef = new EventFile(f, "", 0)) {
            assertThatThrownBy(ef::next).isInstanceOf(NotAnEventFileException.class);
        }
        Path g = dir.resolve("events.out.tfevents.3.host");
        new EventWriter(g).scalar("loss", 1, 2f, 1);      // no brain.Event header first
        try (EventFile ef = new EventFile(g, "", 0)) {
            assertThatThrownBy(ef::next).hasMessageContaining("brain.Event");
        }
    }

    @Test
    void oversizedRecordIsSkippedUnreadOnceComplete() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.host");
        new EventWriter(f).header(1);
        long len = TfRecordReader.MAX_DATA + 1L;
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(len);
        byte[] l = Arrays.copyOf(h.array(), 8);
        h.putInt(8, EventWriter.maskedCrc(l));
        new EventWriter(f).appendBytes(h.array()).appendBytes(new byte[(int) len + 4]).scalar("loss", 7, 1f, 9);
        try (FileChannel ch = FileChannel.open(f)) {
            TfRecordReader r = new TfRecordReader(ch, 0);
            assertThat(r.next()).isEqualTo(TfRecordReader.Status.RECORD);
            assertThat(r.next()).isEqualTo(TfRecordReader.Status.RECORD);
            assertThat(r.corrupt()).isEqualTo(1);
            assertThat(r.next()).isEqualTo(TfRecordReader.Status.NEED_MORE);
        }
    }

    @Test
    void recordHeaderSplitAcrossTheEndOfTheReadBufferIsReadWhole() throws IOException {
        byte[] filler = filler(200);
        for (int left = 1; left <= 16; left++) {           // header bytes still in the buffer when it runs out
            Path f = dir.resolve("events.out.tfevents." + left + ".host");
            EventWriter w = new EventWriter(f).header(1);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int records = 0;
            long size = Files.size(f);
            while (TfRecordReader.BUFFER - left - size - b.size() > 400) {
                b.writeBytes(filler);
                records++;
            }
            b.writeBytes(filler(TfRecordReader.BUFFER - left - size - b.size()));
            records++;
            w.appendBytes(b.toByteArray());
            assertThat(Files.size(f)).isEqualTo(TfRecordReader.BUFFER - left);
            w.scalar("loss", 1000, 2.5f, 2).scalar("loss", 1001, 2.4f, 3);
            List<ScalarPoint> got = readAll(f);
            assertThat(got).hasSize(records + 2);
            assertThat(got.subList(records, got.size())).extracting(ScalarPoint::step).containsExactly(1000L, 1001L);
        }
    }

    /** A scalar record of exactly {@code size} bytes, the tag's length making up the size. */
    private static byte[] filler(long size) {
        for (int n = 1; n < 400; n++) {
            byte[] r = EventWriter.record(EventWriter.simple("t".repeat(n), 1, 1f, 1.5).toByteArray());
            if (r.length == size) return r;
        }
        throw new AssertionError("no tag length gives a record of " + size + " bytes");
    }

    static List<ScalarPoint> readAll(Path f) throws IOException {
        try (EventFile ef = new EventFile(f, "", 0)) {
            List<ScalarPoint> got = new ArrayList<>();
            ScalarPoint p;
            while ((p = ef.next()) != null) got.add(p);
            return got;
        }
    }
}
