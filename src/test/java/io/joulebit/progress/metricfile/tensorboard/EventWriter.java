package io.joulebit.progress.metricfile.tensorboard;

import com.google.protobuf.ByteString;
import io.joulebit.progress.metricfile.tensorboard.proto.Event;
import io.joulebit.progress.metricfile.tensorboard.proto.Summary;
import io.joulebit.progress.metricfile.tensorboard.proto.SummaryMetadata;
import io.joulebit.progress.metricfile.tensorboard.proto.TensorProto;
import io.joulebit.progress.metricfile.tensorboard.proto.TensorShapeProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The tests' event-file writer: TFRecords of Event protos as TensorBoard's writers lay them out. Scalars either as
 * simple_value (torch.utils.tensorboard.SummaryWriter.add_scalar, tensorboardX) or as rank-0 DT_FLOAT tensors with
 * the "scalars" plugin metadata on a tag's first value only (tf.summary.scalar, which Keras' TensorBoard callback
 * calls). Records are appended to the file as they are written, or returned as bytes to tear them.
 */
public final class EventWriter {
    private final Path file;
    private final Set<String> described = new HashSet<>();

    public EventWriter(Path file) { this.file = file; }

    public Path file() { return file; }

    /** The first record of every event file: file_version "brain.Event:2". */
    public EventWriter header(double wall) throws IOException {
        return append(Event.newBuilder().setWallTime(wall).setFileVersion("brain.Event:2").build());
    }

    /** add_scalar(tag, value, step): one Event with one simple_value. */
    public EventWriter scalar(String tag, long step, float value, double wall) throws IOException {
        return append(simple(tag, step, value, wall));
    }

    public static Event simple(String tag, long step, float value, double wall) {
        return Event.newBuilder().setWallTime(wall).setStep(step).setSummary(Summary.newBuilder().addValue(
                Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(value))).build();
    }

    /** tf.summary.scalar: a rank-0 DT_FLOAT tensor in float_val (or tensor_content), metadata on first use. */
    public EventWriter tensorScalar(String tag, long step, float value, double wall, boolean asContent)
            throws IOException {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(ScalarValues.DT_FLOAT)
                .setTensorShape(TensorShapeProto.getDefaultInstance());
        if (asContent) {
            t.setTensorContent(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(value).array()));
        } else {
            t.addFloatVal(value);
        }
        return tensor(tag, step, t.build(), "scalars", wall);
    }

    /** A double scalar (tf.summary.scalar of a float64 value keeps DT_DOUBLE in some writers). */
    public EventWriter doubleScalar(String tag, long step, double value, double wall) throws IOException {
        return tensor(tag, step, TensorProto.newBuilder().setDtype(ScalarValues.DT_DOUBLE).addDoubleVal(value).build(),
                "scalars", wall);
    }

    /** add_text / tf.summary.text: a DT_STRING tensor of the "text" plugin (no number in it). */
    public EventWriter text(String tag, long step, double wall) throws IOException {
        return tensor(tag, step, TensorProto.newBuilder().setDtype(7).build(), "text", wall);
    }

    /** A rank-0 float tensor of another plugin (hparams' session markers carry none; histograms are not rank 0). */
    public EventWriter pluginTensor(String tag, long step, float value, String plugin, double wall) throws IOException {
        return tensor(tag, step, TensorProto.newBuilder().setDtype(ScalarValues.DT_FLOAT).addFloatVal(value).build(),
                plugin, wall);
    }

    private EventWriter tensor(String tag, long step, TensorProto t, String plugin, double wall) throws IOException {
        Summary.Value.Builder v = Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setTensor(t);
        if (described.add(tag)) {
            v.setMetadata(SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                    .setPluginName(plugin)).setDataClass("scalars".equals(plugin) ? 1 : 0));
        }
        return append(Event.newBuilder().setWallTime(wall).setStep(step).setSummary(Summary.newBuilder().addValue(v))
                .build());
    }

    public EventWriter append(Event e) throws IOException { return appendBytes(record(e.toByteArray())); }

    public EventWriter appendBytes(byte[] b) throws IOException {
        try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            o.write(b);
        }
        return this;
    }

    /** One TFRecord: length, masked CRC of the length, data, masked CRC of the data. */
    public static byte[] record(byte[] data) {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(len.array());
        o.writeBytes(le32(maskedCrc(len.array())));
        o.writeBytes(data);
        o.writeBytes(le32(maskedCrc(data)));
        return o.toByteArray();
    }

    static int maskedCrc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static byte[] le32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }
}
