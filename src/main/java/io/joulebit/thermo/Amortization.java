package io.joulebit.thermo;

/** Training vs inference energy (PHYSICS.md §7). */
public final class Amortization {
    private Amortization() {
    }

    /** Estimated inference energy per token, 2·N_params·(J/FLOP) (a forward pass is ~2 FLOPs per parameter). */
    public static Figure estimatedInferenceJoulesPerToken(long params, double joulesPerFlop) {
        return params > 0 ? Figure.of(2.0 * params * joulesPerFlop, Flag.NO_ENERGY) : Figure.absent(Flag.NO_PARAMS);
    }

    /** Break-even inference tokens N* = E_train / e_inf: after N* tokens inference has used as much as training. */
    public static Figure breakevenTokens(double trainingJoules, double inferenceJoulesPerToken) {
        if (!(inferenceJoulesPerToken > 0) || !(trainingJoules >= 0)) {
            return Figure.absent(Flag.NO_ENERGY);
        }
        return Figure.of(trainingJoules / inferenceJoulesPerToken);
    }

    /** Amortized energy per inference token after n tokens: E_train / n + e_inf. */
    public static Figure amortizedJoulesPerToken(double trainingJoules, double inferenceJoulesPerToken, long n) {
        if (n <= 0) {
            return Figure.absent(Flag.NO_TOKENS);
        }
        if (!(inferenceJoulesPerToken >= 0) || !(trainingJoules >= 0)) {
            return Figure.absent(Flag.NO_ENERGY);
        }
        return Figure.of(trainingJoules / n + inferenceJoulesPerToken);
    }
}
