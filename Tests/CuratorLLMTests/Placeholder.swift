// Tests of this target land with its issue; SwiftPM needs a source file meanwhile.
