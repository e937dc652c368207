"""Exports a PyTorch model with torch.onnx.export (opset 17, dynamic batch) for Ember's ONNX importer tests.

usage: import_torch_models.py <model> <out_dir>
  model: mlp | cnn | upsample | lstm | lstm_batch_first | gru | gru_batch_first | resnet18 | squeezenet1_0
Writes <out_dir>/model.onnx and, for two batch sizes b, input_b.pb / output_b.pb (ONNX TensorProto files made by
onnx.numpy_helper) holding a seeded random input and PyTorch's output for it (eval mode, no grad).
"""
import os
import sys

import onnx
import torch
from onnx import numpy_helper
from torch import nn


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.fc2 = nn.Linear(32, 16)
        self.out = nn.Linear(16, 5)

    def forward(self, x):
        return torch.log_softmax(self.out(torch.tanh(self.fc2(torch.relu(self.fc1(x))))), dim=-1)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, stride=1, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
            nn.AdaptiveAvgPool2d((1, 1)))
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.3), nn.Linear(16, 4))

    def forward(self, x):
        return self.head(self.features(x))


class Upsampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, padding=1)
        self.near = nn.Upsample(scale_factor=2, mode="nearest")
        self.conv2 = nn.Conv2d(4, 3, 3, padding=1)
        self.bilinear = nn.Upsample(scale_factor=1.5, mode="bilinear", align_corners=False)
        self.corners = nn.Upsample(size=(11, 13), mode="bilinear", align_corners=True)

    def forward(self, x):
        y = self.bilinear(self.conv2(self.near(self.conv1(x))))
        return self.corners(y)


class RnnClassifier(nn.Module):
    def __init__(self, cell, batch_first):
        super().__init__()
        self.batch_first = batch_first
        kind = nn.LSTM if cell == "lstm" else nn.GRU
        self.rnn = kind(6, 12, num_layers=2, batch_first=batch_first, bidirectional=True)
        self.fc = nn.Linear(24, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        last = y[:, -1] if self.batch_first else y[-1]
        return self.fc(last)


def build(name):
    torch.manual_seed(0)
    if name == "mlp":
        return Mlp(), lambda b: torch.randn(b, 20)
    if name == "cnn":
        m = Cnn()
        # non-trivial running statistics
        m.train()
        with torch.no_grad():
            for _ in range(3):
                m(torch.randn(8, 3, 16, 16))
        return m, lambda b: torch.randn(b, 3, 16, 16)
    if name == "upsample":
        return Upsampler(), lambda b: torch.randn(b, 2, 5, 6)
    if name in ("lstm", "gru"):
        return RnnClassifier(name, batch_first=False), lambda b: torch.randn(7, b, 6)
    if name in ("lstm_batch_first", "gru_batch_first"):
        return RnnClassifier(name[:-12], batch_first=True), lambda b: torch.randn(b, 7, 6)
    import torchvision
    if name == "resnet18":
        m = torchvision.models.resnet18(weights=None)
    elif name == "squeezenet1_0":
        m = torchvision.models.squeezenet1_0(weights=None)
    else:
        raise SystemExit("unknown model " + name)
    m.train()
    with torch.no_grad():
        m(torch.randn(4, 3, 64, 64))  # running statistics that differ from the initial 0/1
    return m, lambda b: torch.randn(b, 3, 64, 64)


def main():
    name, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    model, make_input = build(name)
    model.eval()
    torch.manual_seed(1)
    batch_axis = 1 if name in ("lstm", "gru") else 0
    example = make_input(2)
    path = os.path.join(out, "model.onnx")
    torch.onnx.export(model, example, path, opset_version=17, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {batch_axis: "batch"}, "output": {0: "batch"}})
    onnx.checker.check_model(onnx.load(path))
    for b in (2, 5):
        x = make_input(b)
        with torch.no_grad():
            y = model(x)
        with open(os.path.join(out, f"input_{b}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(x.numpy(), "input").SerializeToString())
        with open(os.path.join(out, f"output_{b}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(y.numpy(), "output").SerializeToString())


if __name__ == "__main__":
    main()
