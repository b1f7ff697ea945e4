package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldMappingTest {

    @Test
    void takes_the_target_first_then_the_inputs_in_order() {
        FieldMapping m = FieldMapping.of("label", "subject", "text");
        assertEquals(List.of("subject", "text"), m.inputs());
        assertEquals("label", m.target());
        assertEquals(m, new FieldMapping(List.of("subject", "text"), "label"));
        assertTrue(m.isMapped("label"));
        assertTrue(m.isMapped("text"));
        assertFalse(m.isMapped("id"));
    }

    @Test
    void rejects_mappings_that_cannot_describe_an_example() {
        assertEquals("field mapping: at least one input field is needed (target 'label')",
                assertThrows(InvalidInputException.class, () -> FieldMapping.of("label")).getMessage());
        assertThrows(InvalidInputException.class, () -> FieldMapping.of(" ", "text"));
        assertThrows(InvalidInputException.class, () -> FieldMapping.of("label", "text", ""));
        assertTrue(assertThrows(InvalidInputException.class, () -> FieldMapping.of("label", "text", "text"))
                .getMessage().contains("'text' appears twice"));
        assertTrue(assertThrows(InvalidInputException.class, () -> FieldMapping.of("label", "label"))
                .getMessage().contains("both an input and the target"));
    }
}
