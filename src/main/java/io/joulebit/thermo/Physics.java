package io.joulebit.thermo;

/** Physical constants of PHYSICS.md. */
public final class Physics {
    /** Boltzmann constant, J/K (exact since the 2019 SI redefinition). */
    public static final double BOLTZMANN_J_PER_K = 1.380649e-23;
    /** ln 2: nats per bit. */
    public static final double LN2 = Math.log(2.0);
    /** Default Landauer reservoir temperature and ambient temperature, K. */
    public static final double DEFAULT_TEMPERATURE_KELVIN = 300.0;
    /** 0 °C in kelvin. */
    public static final double CELSIUS_OFFSET_KELVIN = 273.15;

    private Physics() {
    }

    /** Landauer cost of erasing one bit at temperature T: k_B·T·ln 2 [J/bit]. */
    public static double landauerJoulesPerBit(double temperatureKelvin) {
        return BOLTZMANN_J_PER_K * temperatureKelvin * LN2;
    }

    /** True for a usable reservoir temperature: finite and &gt; 0 K. */
    public static boolean validTemperature(double kelvin) {
        return Double.isFinite(kelvin) && kelvin > 0;
    }
}
