using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static CzSL.Training.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// Converts TorchSharp layers (and Sequentials of them, recursively) into ONNX nodes. Every hyper-parameter is read
/// from the layer object; a layer or setting without an exact ONNX equivalent fails with its path and type.
/// Each layer also runs once on the tracing sample, which gives the shapes that some conversions need.
/// </summary>
internal sealed class OnnxLayerConverter
{
    private readonly OnnxGraphBuilder _graph;

    public OnnxLayerConverter(OnnxGraphBuilder graph)
    {
        _graph = graph;
    }

    /// <summary>Joins a parent path and a child name with a dot.</summary>
    public static string JoinPath(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    /// <summary>Appends <paramref name="module"/> (a Sequential or a supported layer) after <paramref name="input"/>.</summary>
    /// <param name="module">The layer or Sequential, already in eval mode.</param>
    /// <param name="path">Its dotted path in the network (used in node names and error messages).</param>
    /// <param name="input">The value it consumes.</param>
    public TracedValue Convert(nn.Module module, string path, TracedValue input)
    {
        if (module is Sequential sequential)
        {
            var value = input;
            foreach (var (name, child) in sequential.named_children())
            {
                value = Convert(child, JoinPath(path, name), value);
            }

            return value;
        }

        Func<Tensor, string> emit = module switch
        {
            Conv2d conv => _ => Conv(conv, path, input),
            ConvTranspose2d deconv => _ => ConvTranspose(deconv, path, input),
            BatchNorm2d or BatchNorm1d => _ => BatchNorm((NormBase)module, path, input),
            ReLU => _ => _graph.AddNode("Relu", path, [input.Name], path),
            LeakyReLU leaky => _ => _graph.AddNode("LeakyRelu", path, [input.Name], path,
                Float("alpha", leaky.negative_slope)),
            ELU elu => _ => _graph.AddNode("Elu", path, [input.Name], path, Float("alpha", elu.alpha)),
            Sigmoid => _ => _graph.AddNode("Sigmoid", path, [input.Name], path),
            Tanh => _ => _graph.AddNode("Tanh", path, [input.Name], path),
            Softmax softmax => _ => _graph.AddNode("Softmax", path, [input.Name], path, Int("axis", softmax.dim)),
            MaxPool2d pool => output => MaxPool(pool, path, input, output),
            AvgPool2d pool => output => AvgPool(pool, path, input, output),
            AdaptiveAvgPool2d pool => _ => AdaptiveAvgPool(pool, path, input),
            Flatten flatten => output => Flatten(flatten, path, input, output),
            Unflatten unflatten => output => Unflatten(unflatten, path, input, output),
            Linear linear => _ => Gemm(linear, path, input),
            Upsample upsample => output => Resize(upsample, path, input, output),
            Dropout or Dropout2d or Identity => _ => input.Name,
            _ => throw Unsupported(module, path, "no ONNX conversion for this layer type"),
        };

        // Every supported layer maps one tensor to one tensor.
        var sample = ((nn.Module<Tensor, Tensor>)module).forward(input.Sample);
        return new TracedValue(emit(sample), sample);
    }

    private string Conv(Conv2d conv, string path, TracedValue input)
    {
        RequireZeroPaddingMode(conv, path);
        var kernel = Pair(conv.kernel_size, conv, path, "kernel_size");
        var dilation = Pair(conv.dilation, conv, path, "dilation");
        var pads = conv.padding_type switch
        {
            Padding.Same => SamePads(kernel, dilation),
            Padding.Valid => [0, 0, 0, 0],
            null => SymmetricPads(Pair(conv.padding, conv, path, "padding")),
            _ => throw Unsupported(conv, path, $"padding type {conv.padding_type} is not supported"),
        };
        var inputs = WeightAndBias(conv.weight, conv.bias, conv, path, input.Name);
        return _graph.AddNode("Conv", path, inputs, path,
            Ints("kernel_shape", kernel),
            Ints("strides", Pair(conv.stride, conv, path, "stride")),
            Ints("dilations", dilation),
            Ints("pads", pads),
            Int("group", conv.groups));
    }

    private string ConvTranspose(ConvTranspose2d deconv, string path, TracedValue input)
    {
        RequireZeroPaddingMode(deconv, path);
        if (deconv.padding_type is not null and not Padding.Valid)
        {
            throw Unsupported(deconv, path, $"padding type {deconv.padding_type} is not supported");
        }

        var pads = deconv.padding_type is Padding.Valid
            ? [0, 0, 0, 0]
            : SymmetricPads(Pair(deconv.padding, deconv, path, "padding"));
        var inputs = WeightAndBias(deconv.weight, deconv.bias, deconv, path, input.Name);
        return _graph.AddNode("ConvTranspose", path, inputs, path,
            Ints("kernel_shape", Pair(deconv.kernel_size, deconv, path, "kernel_size")),
            Ints("strides", Pair(deconv.stride, deconv, path, "stride")),
            Ints("dilations", Pair(deconv.dilation, deconv, path, "dilation")),
            Ints("pads", pads),
            Ints("output_padding", Pair(deconv.output_padding, deconv, path, "output_padding")),
            Int("group", deconv.groups));
    }

    private string BatchNorm(NormBase norm, string path, TracedValue input)
    {
        if (!norm.track_running_stats || norm.running_mean is null || norm.running_var is null)
        {
            throw Unsupported(norm, path,
                "track_running_stats is off, so eval mode normalises with batch statistics (no ONNX equivalent)");
        }

        // Without affine parameters the layer scales by 1 and shifts by 0 (tensors freed by the export's dispose scope).
        var scale = _graph.AddFloatInitializer($"{path}.weight",
            norm.affine ? Required(norm.weight, norm, path, "weight") : torch.ones(norm.num_features));
        var bias = _graph.AddFloatInitializer($"{path}.bias",
            norm.affine ? Required(norm.bias, norm, path, "bias") : torch.zeros(norm.num_features));
        var mean = _graph.AddFloatInitializer($"{path}.running_mean", norm.running_mean);
        var variance = _graph.AddFloatInitializer($"{path}.running_var", norm.running_var);
        return _graph.AddNode("BatchNormalization", path, [input.Name, scale, bias, mean, variance], path,
            Float("epsilon", norm.eps));
    }

    private string MaxPool(MaxPool2d pool, string path, TracedValue input, Tensor output)
    {
        var kernel = Pair(pool.kernel_size, pool, path, "kernel_size");
        var stride = StrideOrKernel(pool.stride, kernel, pool, path);
        var dilation = pool.dilation is null ? [1L, 1L] : Pair(pool.dilation, pool, path, "dilation");
        var padding = Pair(pool.padding ?? [0], pool, path, "padding");
        // Padding never wins a max, so ceil_mode's extra windows become explicit end padding with floor rounding:
        // the window count then equals libtorch's exactly (it drops a last window that would start in the padding).
        var pads = PadsReachingOutput(input.Sample, output, kernel, stride, dilation, padding);
        return _graph.AddNode("MaxPool", path, [input.Name], path,
            Ints("kernel_shape", kernel),
            Ints("strides", stride),
            Ints("dilations", dilation),
            Ints("pads", pads),
            Int("ceil_mode", 0));
    }

    private string AvgPool(AvgPool2d pool, string path, TracedValue input, Tensor output)
    {
        if (pool.divisor_override is not null)
        {
            throw Unsupported(pool, path, "divisor_override has no ONNX AveragePool equivalent");
        }

        var kernel = Pair(pool.kernel_size, pool, path, "kernel_size");
        var stride = StrideOrKernel(pool.stride, kernel, pool, path);
        var padding = Pair(pool.padding ?? [0], pool, path, "padding");
        long[] noDilation = [1, 1];
        var countedPadding = pool.count_include_pad && padding.Any(p => p > 0);
        if (countedPadding && pool.ceil_mode)
        {
            // Counted padding: ONNX's own ceil_mode clips edge windows at input + padding for the divisor, as libtorch.
            return _graph.AddNode("AveragePool", path, [input.Name], path,
                Ints("kernel_shape", kernel),
                Ints("strides", stride),
                Ints("pads", SymmetricPads(padding)),
                Int("count_include_pad", 1),
                Int("ceil_mode", 1));
        }

        // Otherwise ceil_mode's extra windows become explicit end padding, which no divisor counts.
        var pads = PadsReachingOutput(input.Sample, output, kernel, stride, noDilation, padding);
        return _graph.AddNode("AveragePool", path, [input.Name], path,
            Ints("kernel_shape", kernel),
            Ints("strides", stride),
            Ints("pads", pads),
            Int("count_include_pad", countedPadding ? 1 : 0),
            Int("ceil_mode", 0));
    }

    private string AdaptiveAvgPool(AdaptiveAvgPool2d pool, string path, TracedValue input)
    {
        var outputSize = Pair(pool.output_size, pool, path, "output_size");
        if (outputSize[0] == 1 && outputSize[1] == 1)
        {
            return _graph.AddNode("GlobalAveragePool", path, [input.Name], path);
        }

        var shape = input.Sample.shape;
        if (shape.Length != 4)
        {
            throw Unsupported(pool, path, $"expects a 4-D input, got [{string.Join(", ", shape)}]");
        }

        long height = shape[2], width = shape[3];
        if (outputSize[0] <= 0 || outputSize[1] <= 0 || height % outputSize[0] != 0 || width % outputSize[1] != 0)
        {
            throw Unsupported(pool, path,
                $"output size {outputSize[0]}x{outputSize[1]} does not divide the input size {height}x{width}, " +
                "so the pooling windows are uneven (no ONNX equivalent)");
        }

        long[] window = [height / outputSize[0], width / outputSize[1]];
        return _graph.AddNode("AveragePool", path, [input.Name], path,
            Ints("kernel_shape", window), Ints("strides", window));
    }

    private string Flatten(Flatten flatten, string path, TracedValue input, Tensor output)
    {
        var rank = input.Sample.dim();
        var start = flatten.start_dim < 0 ? flatten.start_dim + rank : flatten.start_dim;
        var end = flatten.end_dim < 0 ? flatten.end_dim + rank : flatten.end_dim;
        if (start == 1 && end == rank - 1)
        {
            return _graph.AddNode("Flatten", path, [input.Name], path, Int("axis", 1));
        }

        return Reshape(path, input, output, batchKept: start > 0);
    }

    private string Unflatten(Unflatten unflatten, string path, TracedValue input, Tensor output)
    {
        var dim = unflatten.dim < 0 ? unflatten.dim + input.Sample.dim() : unflatten.dim;
        if (dim == 0)
        {
            throw Unsupported(unflatten, path, "unflattening the batch dimension (dim 0) is not supported");
        }

        return Reshape(path, input, output, batchKept: true);
    }

    /// <summary>Reshape to the traced output shape; the batch dimension is copied (0) or inferred (-1) when merged.</summary>
    private string Reshape(string path, TracedValue input, Tensor output, bool batchKept)
    {
        var target = output.shape.ToArray();
        target[0] = batchKept ? 0 : -1;
        var shape = _graph.AddInt64Initializer($"{path}.shape", target);
        return _graph.AddNode("Reshape", path, [input.Name, shape], path);
    }

    private string Gemm(Linear linear, string path, TracedValue input)
    {
        if (input.Sample.dim() != 2)
        {
            throw Unsupported(linear, path,
                $"expects a 2-D input [N, features], got [{string.Join(", ", input.Sample.shape)}]; flatten first");
        }

        var inputs = WeightAndBias(linear.weight, linear.bias, linear, path, input.Name);
        return _graph.AddNode("Gemm", path, inputs, path, Int("transB", 1));
    }

    private string Resize(Upsample upsample, string path, TracedValue input, Tensor output)
    {
        var (mode, coordinates) = upsample.mode switch
        {
            UpsampleMode.Nearest => ("nearest", "asymmetric"),
            UpsampleMode.Bilinear => ("linear", upsample.align_corners == true ? "align_corners" : "half_pixel"),
            _ => throw Unsupported(upsample, path, $"mode {upsample.mode} is not supported (nearest, bilinear are)"),
        };
        if (input.Sample.dim() != 4)
        {
            throw Unsupported(upsample, path, $"expects a 4-D input, got [{string.Join(", ", input.Sample.shape)}]");
        }

        var scales = ResizeScales(upsample, path, input.Sample, output);
        var scalesName = _graph.AddFloatInitializer($"{path}.scales", [1f, 1f, scales[0], scales[1]], [4]);
        var attributes = new List<AttributeProto>
        {
            String("mode", mode),
            String("coordinate_transformation_mode", coordinates),
        };
        if (mode == "nearest")
        {
            attributes.Add(String("nearest_mode", "floor"));
        }

        return _graph.AddNode("Resize", path, [input.Name, "", scalesName], path, [.. attributes]);
    }

    /// <summary>
    /// The scale factors libtorch uses: the module's own when given (and not recomputed), otherwise output/input.
    /// </summary>
    private static float[] ResizeScales(Upsample upsample, string path, Tensor input, Tensor output)
    {
        var factors = upsample.scale_factor.ToArray();
        if (factors.Length > 0 && upsample.recompute_scale_factor != true)
        {
            var pair = factors.Length == 1 ? [factors[0], factors[0]] : factors;
            if (pair.Length != 2)
            {
                throw Unsupported(upsample, path, $"scale_factor has {factors.Length} entries, expected 1 or 2");
            }

            return [(float)pair[0], (float)pair[1]];
        }

        return [output.shape[2] / (float)input.shape[2], output.shape[3] / (float)input.shape[3]];
    }

    private string[] WeightAndBias(Tensor? weight, Tensor? bias, nn.Module layer, string path, string input)
    {
        var weightName = _graph.AddFloatInitializer($"{path}.weight", Required(weight, layer, path, "weight"));
        return bias is null
            ? [input, weightName]
            : [input, weightName, _graph.AddFloatInitializer($"{path}.bias", bias)];
    }

    private static void RequireZeroPaddingMode(Convolution conv, string path)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            throw Unsupported(conv, path, $"padding_mode {conv.padding_mode} is not supported (only zeros)");
        }
    }

    /// <summary>ONNX pads [h_begin, w_begin, h_end, w_end] for 'same': libtorch puts the odd extra pixel at the end.</summary>
    private static long[] SamePads(long[] kernel, long[] dilation)
    {
        var total = new[] { dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1) };
        return [total[0] / 2, total[1] / 2, total[0] - total[0] / 2, total[1] - total[1] / 2];
    }

    private static long[] SymmetricPads(long[] padding) => [padding[0], padding[1], padding[0], padding[1]];

    /// <summary>
    /// Pads whose end part is just large enough that floor rounding yields the traced (libtorch) output size.
    /// </summary>
    private static long[] PadsReachingOutput(Tensor input, Tensor output, long[] kernel, long[] stride,
        long[] dilation, long[] padding)
    {
        var ends = new long[2];
        for (var axis = 0; axis < 2; axis++)
        {
            var size = input.shape[2 + axis];
            var outputs = output.shape[2 + axis];
            var needed = (outputs - 1) * stride[axis] + dilation[axis] * (kernel[axis] - 1) + 1;
            ends[axis] = Math.Max(padding[axis], needed - size - padding[axis]);
        }

        return [padding[0], padding[1], ends[0], ends[1]];
    }

    private static long[] StrideOrKernel(long[]? stride, long[] kernel, nn.Module layer, string path) =>
        stride is null || stride.Length == 0 ? kernel : Pair(stride, layer, path, "stride");

    /// <summary>A 2-D hyper-parameter: two values, or one value used for both axes.</summary>
    private static long[] Pair(long[]? values, nn.Module layer, string path, string attribute) => values switch
    {
        [var both] => [both, both],
        [var first, var second] => [first, second],
        null => throw Unsupported(layer, path, $"cannot read {attribute} (null)"),
        _ => throw Unsupported(layer, path, $"{attribute} has {values.Length} entries, expected 1 or 2"),
    };

    private static Tensor Required(Tensor? tensor, nn.Module layer, string path, string name) =>
        tensor ?? throw Unsupported(layer, path, $"cannot read its {name} tensor (null)");

    public static OnnxExportException Unsupported(nn.Module layer, string path, string reason) =>
        new(path.Length == 0 ? "(root)" : path, layer.GetType().Name, reason);
}
