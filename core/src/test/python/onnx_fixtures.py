#!/usr/bin/python3
"""ONNX fixtures for distinct's ONNX importer: small PyTorch models exported with torch.onnx.export.

Run:  /usr/bin/python3 core/src/test/python/onnx_fixtures.py   (from the repository root; Debian's python3-torch 1.13,
which exports ONNX without the `onnx` Python package)
Writes src/test/resources/onnx/<case>.onnx and <case>.json, read by org.distinct.onnx.OnnxFixturesTest.

Every case is a float32 module with weights drawn from numpy.random.RandomState(seed) (fixed weights), exported
the way users export: `torch.onnx.export(model, example, path, input_names=["x"], output_names=["y"],
dynamic_axes=...)` with the batch (and, for sequences, the time) axis dynamic and the default constant folding.
Each JSON holds: the opset, the input layout, fixed inputs (MLP: rows [n x I]; recurrent: a batch of equal-length
sequences, one row-major [T x I] list each; Conv1D: sequences of different lengths, row-major [T x I] each, every one run
through PyTorch on its own, batch 1) and PyTorch's float32 logits on them [n x C].

Cases (opsets 13 to 17 are all used):
  mlp_gemm_sigmoid    nn.Linear(4,6) Sigmoid nn.Linear(6,3)                                 Gemm        opset 13
  mlp_gemm_tanh_relu  nn.Linear(5,7) Tanh nn.Linear(7,4) ReLU nn.Linear(4,3)                 Gemm        opset 17
  mlp_matmul          x @ W1 + b1, Relu, x @ W2 + b2 (explicit parameters)                  MatMul+Add  opset 15
  rnn_tanh            nn.RNN(2,5,batch_first) then nn.Linear(5,3) on out[:, -1]             RNN         opset 14
  lstm_1              nn.LSTM(2,5,batch_first) then nn.Linear on out[:, -1]                 LSTM        opset 17
  lstm_2layer         nn.LSTM(3,6,num_layers=2,batch_first) then nn.Linear on h_n[-1]       LSTM x2     opset 16
  lstm_seqfirst       nn.LSTM(2,4) (time first) then nn.Linear on out[-1]                   LSTM        opset 13
  gru_1               nn.GRU(2,5,batch_first) then nn.Linear on out[:, -1]                  GRU         opset 17
  gru_stacked         two nn.GRU modules (3->6->4, batch_first) then nn.Linear on h_n[0]    GRU x2      opset 15
  conv1d_mean_1ch     [N,1,L]: Conv1d(1,4,3,padding=1) ReLU, x.mean(dim=2), Linear(4,3)    Conv ReduceMean  opset 17
  conv1d_amax_3ch     [N,L,3] permuted: Conv1d(3,5,5,stride=2,padding=2) ReLU,
                      Conv1d(5,4,3) Tanh, x.amax(dim=2), Linear(4,3)                        Conv ReduceMax   opset 13
  conv1d_gap_1ch      [N,1,L]: Conv1d(1,6,5,stride=2,padding=2) Tanh, Conv1d(6,3,3,padding=1)
                      ReLU, AdaptiveAvgPool1d(1), flatten, Linear(3,2)                      GlobalAveragePool opset 15
  conv1d_gmp_3ch      [N,L,3] transposed: Conv1d(3,4,3,stride=2) ReLU, AdaptiveMaxPool1d(1),
                      squeeze(-1), Linear(4,3)                                              GlobalMaxPool    opset 16
  conv1d_view_3ch     [N,3,L]: Conv1d(3,5,3) Tanh, mean(dim=2, keepdim=True),
                      view(size(0), -1), Linear(5,2)                                        ReduceMean+Reshape opset 14
  conv1d_bf_2ch       [N,L,2] transposed: Conv1d(2,4,3) ReLU AdaptiveAvgPool1d(1) Flatten
                      nn.Linear(4,3)                                                        GlobalAveragePool opset 17
  refuse_bilstm       nn.LSTM(2,4,bidirectional=True,batch_first): refused                  LSTM        opset 17
  refuse_elu          nn.Linear(4,5) ELU nn.Linear(5,3): unsupported operator               Elu         opset 17
  refuse_conv1d_dilation  Conv1d(1,4,3,dilation=2) ReLU mean Linear: refused                Conv        opset 17
  refuse_conv1d_groups    Conv1d(2,4,3,groups=2) ReLU mean Linear: refused                  Conv        opset 17
  refuse_conv1d_sigmoid   Conv1d(1,4,3) Sigmoid mean Linear: refused                        Sigmoid     opset 17
  refuse_conv1d_noact     Conv1d(1,4,3) mean Linear (no activation): refused                ReduceMean  opset 17
"""
import json
import os

import numpy as np
import torch

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")


def fill(module, rs, scale=0.8):
    """Overwrites every parameter of the module with uniform values from rs (fixed weights)."""
    with torch.no_grad():
        for _, p in sorted(module.named_parameters()):
            p.copy_(torch.from_numpy(rs.uniform(-scale, scale, tuple(p.shape)).astype(np.float32)))


class Mlp(torch.nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.seq = torch.nn.Sequential(*layers)

    def forward(self, x):
        return self.seq(x)


class MatMulMlp(torch.nn.Module):
    """x @ W + b with explicit [in x out] parameters: exported as MatMul + Add."""

    def __init__(self, i, h, c):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.zeros(i, h))
        self.b1 = torch.nn.Parameter(torch.zeros(h))
        self.w2 = torch.nn.Parameter(torch.zeros(h, c))
        self.b2 = torch.nn.Parameter(torch.zeros(c))

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


class LastStep(torch.nn.Module):
    """A recurrent module, then nn.Linear on the last step of its output (or on its final hidden state)."""

    def __init__(self, rnns, lin, read="out", batch_first=True):
        super().__init__()
        self.rnns = torch.nn.ModuleList(rnns)
        self.lin = lin
        self.read = read
        self.batch_first = batch_first

    def forward(self, x):
        h = None
        for r in self.rnns:
            x, h = r(x)
        if self.read == "h":
            h = h[0] if isinstance(h, tuple) else h
            return self.lin(h[-1])
        return self.lin(x[:, -1] if self.batch_first else x[-1])


class Conv(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(2, 4, 3)
        self.pool = torch.nn.AdaptiveAvgPool1d(1)
        self.lin = torch.nn.Linear(4, 3)

    def forward(self, x):  # x [N, T, I] batch first, channels last like distinct's sequences
        y = self.pool(torch.relu(self.conv(x.transpose(1, 2))))
        return self.lin(torch.flatten(y, 1))


class ConvStack(torch.nn.Module):
    """nn.Conv1d layers with their activations, a global pooling read-out and nn.Linear; input [N, C, L] or, with
    channels_last, [N, L, C] turned into [N, C, L] by `permute` or `transpose` as modules do."""

    def __init__(self, convs, acts, lin, pool, channels_last=None):
        super().__init__()
        self.convs = torch.nn.ModuleList(convs)
        self.acts = acts
        self.lin = lin
        self.pool = pool
        self.channels_last = channels_last
        self.gap = torch.nn.AdaptiveAvgPool1d(1)
        self.gmp = torch.nn.AdaptiveMaxPool1d(1)

    def forward(self, x):
        if self.channels_last == "permute":
            x = x.permute(0, 2, 1)
        elif self.channels_last == "transpose":
            x = x.transpose(1, 2)
        for c, a in zip(self.convs, self.acts):
            x = c(x)
            if a is not None:
                x = a(x)
        if self.pool == "mean":
            p = x.mean(dim=2)
        elif self.pool == "amax":
            p = x.amax(dim=2)
        elif self.pool == "gap":
            p = torch.flatten(self.gap(x), 1)
        elif self.pool == "gmp":
            p = self.gmp(x).squeeze(-1)
        else:  # "view": keepdim mean, then x.view(x.size(0), -1)
            k = x.mean(dim=2, keepdim=True)
            p = k.view(k.size(0), -1)
        return self.lin(p)


def export(name, model, example, opset, layout, rs_inputs):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    axes = {0: "batch"} if layout == "rows" else ({0: "batch", 1: "time"} if layout == "batch-first" else {0: "time", 1: "batch"})
    if layout == "channels-first":
        axes = {0: "batch", 2: "time"}
    torch.onnx.export(model, (example,), path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": axes, "y": {0: "batch"}}, opset_version=opset)
    with torch.no_grad():
        y = model(rs_inputs)
    x = rs_inputs.numpy().astype(np.float64)
    if layout == "rows":
        inputs = x.tolist()
    elif layout == "batch-first":
        inputs = [s.reshape(-1).tolist() for s in x]
    else:
        inputs = [x[:, n, :].reshape(-1).tolist() for n in range(x.shape[1])]
    case = {"case": name, "opset": opset, "layout": layout, "inputs": inputs,
            "logits": y.numpy().astype(np.float64).reshape(-1).tolist(), "classes": int(y.shape[1])}
    write_case(name, case)
    print("wrote", path)


def write_case(name, case):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")


def export_conv(name, model, opset, layout, sequences):
    """A Conv1D case: layout "channels-first" ([N, C, L]) or "batch-first" ([N, L, C]); the sequences ([T x C] each, of
    different lengths) run through the model one at a time (batch 1), as distinct runs every sequence on its own."""
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    first = sequences[0]
    example = first.T.unsqueeze(0) if layout == "channels-first" else first.unsqueeze(0)
    axes = {0: "batch", 2: "time"} if layout == "channels-first" else {0: "batch", 1: "time"}
    torch.onnx.export(model, (example,), path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": axes, "y": {0: "batch"}}, opset_version=opset)
    logits = []
    with torch.no_grad():
        for sq in sequences:
            y = model(sq.T.unsqueeze(0) if layout == "channels-first" else sq.unsqueeze(0))
            logits.extend(y.numpy().astype(np.float64).reshape(-1).tolist())
    case = {"case": name, "opset": opset, "layout": layout,
            "inputs": [sq.numpy().astype(np.float64).reshape(-1).tolist() for sq in sequences],
            "logits": logits, "classes": int(y.shape[1])}
    write_case(name, case)
    print("wrote", path)


def main():
    os.makedirs(OUT, exist_ok=True)
    rs = np.random.RandomState(2024)

    def t(*shape):
        return torch.from_numpy(rs.uniform(-1.5, 1.5, shape).astype(np.float32))

    m = Mlp([torch.nn.Linear(4, 6), torch.nn.Sigmoid(), torch.nn.Linear(6, 3)]); fill(m, rs)
    export("mlp_gemm_sigmoid", m, t(2, 4), 13, "rows", t(8, 4))
    m = Mlp([torch.nn.Linear(5, 7), torch.nn.Tanh(), torch.nn.Linear(7, 4), torch.nn.ReLU(), torch.nn.Linear(4, 3)]); fill(m, rs)
    export("mlp_gemm_tanh_relu", m, t(2, 5), 17, "rows", t(8, 5))
    m = MatMulMlp(3, 5, 2); fill(m, rs)
    export("mlp_matmul", m, t(2, 3), 15, "rows", t(8, 3))

    m = LastStep([torch.nn.RNN(2, 5, batch_first=True)], torch.nn.Linear(5, 3)); fill(m, rs)
    export("rnn_tanh", m, t(2, 4, 2), 14, "batch-first", t(3, 7, 2))
    m = LastStep([torch.nn.LSTM(2, 5, batch_first=True)], torch.nn.Linear(5, 3)); fill(m, rs)
    export("lstm_1", m, t(2, 4, 2), 17, "batch-first", t(3, 7, 2))
    m = LastStep([torch.nn.LSTM(3, 6, num_layers=2, batch_first=True)], torch.nn.Linear(6, 3), read="h"); fill(m, rs)
    export("lstm_2layer", m, t(2, 4, 3), 16, "batch-first", t(3, 6, 3))
    m = LastStep([torch.nn.LSTM(2, 4)], torch.nn.Linear(4, 2), batch_first=False); fill(m, rs)
    export("lstm_seqfirst", m, t(4, 2, 2), 13, "time-first", t(7, 3, 2))
    m = LastStep([torch.nn.GRU(2, 5, batch_first=True)], torch.nn.Linear(5, 3)); fill(m, rs)
    export("gru_1", m, t(2, 4, 2), 17, "batch-first", t(3, 7, 2))
    m = LastStep([torch.nn.GRU(3, 6, batch_first=True), torch.nn.GRU(6, 4, batch_first=True)], torch.nn.Linear(4, 3), read="h"); fill(m, rs)
    export("gru_stacked", m, t(2, 4, 3), 15, "batch-first", t(3, 6, 3))

    m = LastStep([torch.nn.LSTM(2, 4, bidirectional=True, batch_first=True)], torch.nn.Linear(8, 3)); fill(m, rs)
    export("refuse_bilstm", m, t(2, 4, 2), 17, "batch-first", t(3, 7, 2))
    conv_bf = Conv(); fill(conv_bf, rs)  # drawn where the earlier refuse_conv1d case drew, so later cases keep their weights
    t(2, 6, 2)
    bf_batch = t(3, 7, 2)
    m = Mlp([torch.nn.Linear(4, 5), torch.nn.ELU(), torch.nn.Linear(5, 3)]); fill(m, rs)
    export("refuse_elu", m, t(2, 4), 17, "rows", t(8, 4))
    export_conv("conv1d_bf_2ch", conv_bf, 17, "batch-first", [bf_batch[0], bf_batch[1, :3], bf_batch[2, :5]])

    def seqs(channels, *lengths):
        return [t(n, channels) for n in lengths]

    nn = torch.nn
    m = ConvStack([nn.Conv1d(1, 4, 3, padding=1)], [torch.relu], nn.Linear(4, 3), "mean"); fill(m, rs)
    export_conv("conv1d_mean_1ch", m, 17, "channels-first", seqs(1, 9, 4, 13, 7))
    m = ConvStack([nn.Conv1d(3, 5, 5, stride=2, padding=2), nn.Conv1d(5, 4, 3)], [torch.relu, torch.tanh], nn.Linear(4, 3), "amax",
                  "permute"); fill(m, rs)
    export_conv("conv1d_amax_3ch", m, 13, "batch-first", seqs(3, 12, 5, 16, 9))
    m = ConvStack([nn.Conv1d(1, 6, 5, stride=2, padding=2), nn.Conv1d(6, 3, 3, padding=1)], [torch.tanh, torch.relu], nn.Linear(3, 2),
                  "gap"); fill(m, rs)
    export_conv("conv1d_gap_1ch", m, 15, "channels-first", seqs(1, 11, 3, 20, 8))
    m = ConvStack([nn.Conv1d(3, 4, 3, stride=2)], [torch.relu], nn.Linear(4, 3), "gmp", "transpose"); fill(m, rs)
    export_conv("conv1d_gmp_3ch", m, 16, "batch-first", seqs(3, 10, 3, 14, 6))
    m = ConvStack([nn.Conv1d(3, 5, 3)], [torch.tanh], nn.Linear(5, 2), "view"); fill(m, rs)
    export_conv("conv1d_view_3ch", m, 14, "channels-first", seqs(3, 8, 3, 12, 5))

    m = ConvStack([nn.Conv1d(1, 4, 3, dilation=2)], [torch.relu], nn.Linear(4, 3), "mean"); fill(m, rs)
    export_conv("refuse_conv1d_dilation", m, 17, "channels-first", seqs(1, 9))
    m = ConvStack([nn.Conv1d(2, 4, 3, groups=2)], [torch.relu], nn.Linear(4, 3), "mean"); fill(m, rs)
    export_conv("refuse_conv1d_groups", m, 17, "channels-first", seqs(2, 9))
    m = ConvStack([nn.Conv1d(1, 4, 3)], [torch.sigmoid], nn.Linear(4, 3), "mean"); fill(m, rs)
    export_conv("refuse_conv1d_sigmoid", m, 17, "channels-first", seqs(1, 9))
    m = ConvStack([nn.Conv1d(1, 4, 3)], [None], nn.Linear(4, 3), "mean"); fill(m, rs)
    export_conv("refuse_conv1d_noact", m, 17, "channels-first", seqs(1, 9))


if __name__ == "__main__":
    main()
