package lapis.cli;

import java.util.Locale;
import lapis.encodings.learned.Pearl;
import lapis.encodings.learned.SignNet;
import lapis.encodings.learned.Spe;
import lapis.experiments.zinc.GinePeNetwork;
import lapis.experiments.zinc.ModelConfig;
import lapis.experiments.zinc.PeKind;
import lapis.nn.DType;
import picocli.CommandLine.Option;

/**
 * The model sizes shared by {@code lapis train zinc} and {@code lapis bench spe}; every size of
 * {@link ModelConfig} is a flag, defaulting to the SPE paper's ZINC model. {@code --rho light} is a preset.
 */
public final class ModelOptions {
    @Option(names = "--pe", description = "none, lappe, rwse, signnet, spe or pearl (default: spe for bench, required "
            + "for train).")
    String pe;

    @Option(names = "--hidden", defaultValue = "128", description = "GINE width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "GINE layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--mlp-layers", defaultValue = "3", description = "Linear maps per GINE/readout MLP (default: "
            + "${DEFAULT-VALUE}).")
    int mlpLayers;

    @Option(names = "--per-layer-pe", description = "true/false: an MLP of the PE into every GINE layer (default: "
            + "true for signnet and spe, false otherwise).")
    Boolean perLayerPe;

    @Option(names = "--pe-dim", description = "Channels of the encoding: LapPE eigenvectors, RWSE steps, SPE/SignNet"
            + " outputs (defaults: 8, 20, 37, 37).")
    Integer peDim;

    @Option(names = "--rho", defaultValue = "reference", description = "reference (8 layers x 128) or light (4 x 64, "
            + "2-layer MLPs): SPE's rho and SignNet's phi; PEARL's GIN is light unless set; the flags below "
            + "override (default: ${DEFAULT-VALUE}).")
    String rho;

    @Option(names = "--rho-layers", description = "GIN layers of SPE's rho / SignNet's phi.")
    Integer rhoLayers;

    @Option(names = "--rho-hidden", description = "Width of SPE's rho / SignNet's phi.")
    Integer rhoHidden;

    @Option(names = "--rho-mlp-layers", description = "Linear maps per GIN MLP of rho / phi.")
    Integer rhoMlpLayers;

    @Option(names = "--filters", defaultValue = "16", description = "SPE eigenvalue filters m (default: "
            + "${DEFAULT-VALUE}).")
    int filters;

    @Option(names = "--filter-hidden", defaultValue = "16", description = "Width of each filter MLP (default: "
            + "${DEFAULT-VALUE}).")
    int filterHidden;

    @Option(names = "--deepsets", description = "SPE: one DeepSets layer over each graph's eigenvalues as the filters"
            + " instead of independent element-wise MLPs.")
    boolean deepSets;

    @Option(names = "--eigenpairs", defaultValue = "0", description = "SPE: use the first d eigenpairs, 0 for all "
            + "(default: ${DEFAULT-VALUE}).")
    int eigenpairs;

    @Option(names = "--eigenvectors", defaultValue = "37", description = "SignNet: eigenvectors per graph (default: "
            + "${DEFAULT-VALUE}).")
    int eigenvectors;

    @Option(names = "--pearl-basis", defaultValue = "random", description = "PEARL: random (R-PEARL) or standard "
            + "(B-PEARL) (default: ${DEFAULT-VALUE}).")
    String pearlBasis;

    @Option(names = "--pearl-samples", defaultValue = "16", description = "PEARL: random vectors per graph (default: "
            + "${DEFAULT-VALUE}).")
    int pearlSamples;

    @Option(names = "--dtype", defaultValue = "f32", description = "f32 or f64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    /** The configuration the flags describe, with {@code fallback} when --pe is not given. */
    public ModelConfig config(PeKind fallback) {
        PeKind kind = pe == null ? fallback : PeKind.parse(pe);
        if (kind == null) {
            throw new IllegalArgumentException("--pe is required: none, lappe, rwse, signnet, spe or pearl");
        }
        ModelConfig c = ModelConfig.zinc(kind);
        GinePeNetwork.Config base = c.base().withSize(hidden, layers, mlpLayers);
        if (perLayerPe != null) {
            base = base.withPerLayerPe(perLayerPe);
        }
        int[] r = rhoSizes(rho);
        int rl = rhoLayers != null ? rhoLayers : r[0];
        int rh = rhoHidden != null ? rhoHidden : r[1];
        int rm = rhoMlpLayers != null ? rhoMlpLayers : r[2];
        Spe.Config spe = c.spe().withRho(rl, rh, rm).withFilters(filters, c.spe().filterLayers(), filterHidden)
                .withEigenpairs(eigenpairs).withDeepSets(deepSets);
        SignNet.Config sign = c.signNet().withPhi(rl, rh, rm).withEigenvectors(eigenvectors);
        Pearl.Config pearl = c.pearl().withBasis(switch (pearlBasis.toLowerCase(Locale.ROOT)) {
            case "random" -> Pearl.Basis.RANDOM;
            case "standard" -> Pearl.Basis.STANDARD;
            default -> throw new IllegalArgumentException("--pearl-basis must be random or standard, not '"
                    + pearlBasis + "'");
        }).withSamples(pearlSamples);
        pearl = pearl.withRho(rhoLayers != null ? rhoLayers : pearl.rhoLayers(),
                rhoHidden != null ? rhoHidden : pearl.rhoHidden(),
                rhoMlpLayers != null ? rhoMlpLayers : pearl.rhoMlpLayers());
        c = c.withBase(base).withSpe(spe).withSignNet(sign).withPearl(pearl);
        if (peDim != null) {
            c = switch (kind) {
                case LAPPE -> c.withLapPeDimension(peDim);
                case RWSE -> c.withRwseSteps(peDim);
                case SPE -> c.withSpe(spe.withChannels(peDim));
                case SIGNNET -> c.withSignNet(sign.withChannels(peDim));
                case PEARL -> c.withPearl(pearl.withChannels(peDim));
                case NONE -> c;
            };
        }
        return c.withDtype(dtype(dtype));
    }

    /** The --rho preset as {layers, hidden, MLP layers}: reference 8 x 128 with 3-layer MLPs, light 4 x 64 with 2. */
    static int[] rhoSizes(String preset) {
        return switch (preset.toLowerCase(Locale.ROOT)) {
            case "reference" -> new int[] {8, 128, 3};
            case "light" -> new int[] {4, 64, 2};
            default -> throw new IllegalArgumentException("--rho must be reference or light, not '" + preset + "'");
        };
    }

    /** The --dtype value: f32 or f64. */
    static DType dtype(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32" -> DType.F32;
            case "f64" -> DType.F64;
            default -> throw new IllegalArgumentException("--dtype must be f32 or f64, not '" + name + "'");
        };
    }

    /** One line naming the encoding's sizes. */
    public String describe(ModelConfig c) {
        return switch (c.pe()) {
            case NONE -> "no PE";
            case LAPPE -> "LapPE d=" + c.lapPeDimension();
            case RWSE -> "RWSE k=" + c.rwseSteps();
            case SPE -> "SPE m=" + c.spe().filters() + (c.spe().deepSets() ? " DeepSets filters (width "
                    + c.spe().filterHidden() + ")" : " filters 1-" + c.spe().filterHidden() + "-1") + ", eigenpairs "
                    + (c.spe().eigenpairs() == 0 ? "all" : String.valueOf(c.spe().eigenpairs())) + ", rho GIN "
                    + c.spe().rhoLayers() + " x " + c.spe().rhoHidden() + " (" + c.spe().rhoMlpLayers()
                    + "-layer MLPs), p=" + c.spe().channels() + (c.base().perLayerPe() ? ", per-layer PE" : "");
            case PEARL -> "PEARL-style (" + c.pearl().basis().name().toLowerCase(Locale.ROOT) + " basis, "
                    + c.pearl().samples() + " vectors, degree " + c.pearl().order() + "), GIN " + c.pearl().rhoLayers()
                    + " x " + c.pearl().rhoHidden() + ", p=" + c.pearl().channels()
                    + (c.base().perLayerPe() ? ", per-layer PE" : "");
            case SIGNNET -> "SignNet k=" + c.signNet().eigenvectors() + ", phi GIN " + c.signNet().phiLayers() + " x "
                    + c.signNet().phiHidden() + ", p=" + c.signNet().channels()
                    + (c.base().perLayerPe() ? ", per-layer PE" : "");
        };
    }
}
