package io.joulebit.progress.metricfile.tensorboard;

import com.google.protobuf.ByteString;
import io.joulebit.progress.metricfile.tensorboard.proto.Summary;
import io.joulebit.progress.metricfile.tensorboard.proto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The number in a Summary.Value, when it is a scalar: simple_value (PyTorch's SummaryWriter, tensorboardX) or a
 * rank-0 tensor (tf.summary.scalar in TF2/Keras) in float_val, double_val, half_val, int_val, int64_val or
 * tensor_content. A writer attaches the plugin metadata to the first value of a tag only, so the plugin is
 * remembered per tag: "scalars" tensors are read, other plugins' tensors (text, hparams, histograms) are not.
 */
final class ScalarValues {
    static final int DT_FLOAT = 1;
    static final int DT_DOUBLE = 2;
    static final int DT_INT32 = 3;
    static final int DT_INT64 = 9;
    static final int DT_BFLOAT16 = 14;
    static final int DT_HALF = 19;

    private final Map<ByteString, Boolean> scalarTag = new HashMap<>();

    /** The value as a double, or null when this value is not a scalar. */
    Double scalar(Summary.Value v) {
        if (v.hasMetadata() && v.getMetadata().hasPluginData()) {
            String plugin = v.getMetadata().getPluginData().getPluginName();
            scalarTag.put(v.getTag(), "scalars".equals(plugin) || plugin.isEmpty());
        }
        return switch (v.getValueCase()) {
            case SIMPLE_VALUE -> (double) v.getSimpleValue();
            case TENSOR -> scalarTag.getOrDefault(v.getTag(), Boolean.TRUE) ? tensor(v.getTensor()) : null;
            default -> null;
        };
    }

    private static Double tensor(TensorProto t) {
        if (t.hasTensorShape() && t.getTensorShape().getDimCount() > 0) {
            for (var d : t.getTensorShape().getDimList()) if (d.getSize() != 1) return null;
        }
        ByteBuffer raw = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean content = raw.hasRemaining();
        return switch (t.getDtype()) {
            case DT_FLOAT -> content ? (raw.remaining() >= 4 ? (double) raw.getFloat(0) : null)
                    : t.getFloatValCount() > 0 ? (double) t.getFloatVal(0) : null;
            case DT_DOUBLE -> content ? (raw.remaining() >= 8 ? raw.getDouble(0) : null)
                    : t.getDoubleValCount() > 0 ? t.getDoubleVal(0) : null;
            case DT_INT32 -> content ? (raw.remaining() >= 4 ? (double) raw.getInt(0) : null)
                    : t.getIntValCount() > 0 ? (double) t.getIntVal(0) : null;
            case DT_INT64 -> content ? (raw.remaining() >= 8 ? (double) raw.getLong(0) : null)
                    : t.getInt64ValCount() > 0 ? (double) t.getInt64Val(0) : null;
            case DT_HALF -> content ? (raw.remaining() >= 2 ? half(raw.getShort(0)) : null)
                    : t.getHalfValCount() > 0 ? half(t.getHalfVal(0)) : null;
            case DT_BFLOAT16 -> content ? (raw.remaining() >= 2 ? bf16(raw.getShort(0)) : null)
                    : t.getHalfValCount() > 0 ? bf16(t.getHalfVal(0)) : null;
            default -> null;
        };
    }

    /** IEEE 754 binary16 to double (Float.float16ToFloat arrives only in Java 20). */
    static double half(int bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exp = (bits >> 10) & 0x1f;
        int frac = bits & 0x3ff;
        if (exp == 0) return sign * Math.scalb((double) frac, -24);
        if (exp == 31) return frac == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        return sign * Math.scalb(1024.0 + frac, exp - 25);
    }

    /** bfloat16 is the top half of a float32. */
    static double bf16(int bits) { return Float.intBitsToFloat((bits & 0xffff) << 16); }
}
