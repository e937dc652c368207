# Checks every .onnx file in a folder with onnx.checker (full_check: shape inference too) and prints its name.
import os
import sys

import onnx

folder = sys.argv[1]
names = sorted(f for f in os.listdir(folder) if f.endswith(".onnx"))
if not names:
    sys.exit("no .onnx files in " + folder)
for name in names:
    path = os.path.join(folder, name)
    onnx.checker.check_model(path, full_check=True)
    model = onnx.load(path)
    assert model.ir_version == 8, (name, model.ir_version)
    assert [(o.domain, o.version) for o in model.opset_import] == [("", 17)], (name, model.opset_import)
    print("ok", name)
