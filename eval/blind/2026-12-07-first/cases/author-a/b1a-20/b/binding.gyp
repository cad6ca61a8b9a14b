{
  "targets": [
    {
      "target_name": "fastscore",
      "sources": ["src/fastscore.c"],
      "cflags": ["<!@(node build-tools/arch.js --cflags)"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["<!@(node build-tools/arch.js --cflags)"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "Optimization": 2 }
      }
    }
  ]
}
