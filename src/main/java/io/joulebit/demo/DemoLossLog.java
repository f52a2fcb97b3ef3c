package io.joulebit.demo;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/** Keeps the few losses the run summary needs: the first, the last ten, and the last validation's mean. */
final class DemoLossLog implements Consumer<StepEvent> {
    private static final int TAIL = 10;

    private final Deque<Double> tail = new ArrayDeque<>(TAIL);
    private OptionalDouble first = OptionalDouble.empty();
    private long evalStep = -1;
    private double evalSum;
    private int evalCount;

    @Override
    public synchronized void accept(StepEvent e) {
        if (e.lossNats().isEmpty()) {
            return;
        }
        double loss = e.lossNats().getAsDouble();
        if (e.phase() == Phase.EVAL) {
            if (e.step() != evalStep) { // a new validation round
                evalStep = e.step();
                evalSum = 0;
                evalCount = 0;
            }
            evalSum += loss;
            evalCount++;
            return;
        }
        if (first.isEmpty()) {
            first = OptionalDouble.of(loss);
        }
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(loss);
    }

    synchronized OptionalDouble first() { return first; }

    synchronized OptionalDouble finalMean() {
        return tail.stream().mapToDouble(Double::doubleValue).average();
    }

    synchronized OptionalDouble lastEval() {
        return evalCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(evalSum / evalCount);
    }
}
