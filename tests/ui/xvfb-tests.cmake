# Tests that need a real X server: a real mouse drag of a rule row. Included by
# tests/CMakeLists.txt; the source is not named tst_* so the normal offscreen glob skips it.
find_program(CAR_XVFB_RUN xvfb-run)
if(CAR_XVFB_RUN)
    qt_add_executable(xvfb_ui_dragdrop ${CMAKE_CURRENT_LIST_DIR}/xvfb_dragdrop.cpp)
    target_include_directories(xvfb_ui_dragdrop PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../common)
    target_link_libraries(xvfb_ui_dragdrop PRIVATE
        carui carstorage carmodel Qt6::Widgets Qt6::Test project_settings)
    add_test(NAME ui/dragdrop_xvfb
        COMMAND ${CAR_XVFB_RUN} -a -s "-screen 0 1280x800x24" $<TARGET_FILE:xvfb_ui_dragdrop>)
    set_tests_properties(ui/dragdrop_xvfb PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=xcb;LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/../lsan.supp"
        RUN_SERIAL TRUE
        TIMEOUT 120)
else()
    message(STATUS "xvfb-run not found: the real-mouse drag test (ui/dragdrop_xvfb) is not built")
endif()
