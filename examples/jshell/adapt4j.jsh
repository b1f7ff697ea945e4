// adapt4j JShell start-up: the common imports, and DJL offline before any engine loads.
// Start with: see "JShell" in the README.
import dev.adapt4j.*;
import dev.adapt4j.data.*;
import dev.adapt4j.experiment.*;
import dev.adapt4j.metrics.*;
import dev.adapt4j.prompt.*;
import dev.adapt4j.spi.*;
import dev.adapt4j.examples.*;
import dev.adapt4j.djl.report.*;
import dev.adapt4j.djl.decoder.*;
import java.nio.file.*;
import java.util.*;
System.setProperty("ai.djl.offline", "true");
